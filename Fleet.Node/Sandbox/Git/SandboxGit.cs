using Fleet.Actors.Processes;

namespace Fleet.Node.Sandbox.Git;

/// <summary>
/// Runs the git command line for local repository work (the sandbox's example repository, test fixtures); fails with
/// git's own message. The caller chooses the environment: the sandbox keeps the user's git configuration, tests isolate it.
/// </summary>
public static class SandboxGit
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The sandbox's own commits: the first must not depend on the user having configured an identity; theirs still applies to their own commits.</summary>
    public static IReadOnlyDictionary<string, string?> SandboxIdentity { get; } = new Dictionary<string, string?>
    {
        ["GIT_AUTHOR_NAME"] = "Fleet sandbox",
        ["GIT_AUTHOR_EMAIL"] = "sandbox@fleet.invalid",
        ["GIT_COMMITTER_NAME"] = "Fleet sandbox",
        ["GIT_COMMITTER_EMAIL"] = "sandbox@fleet.invalid",
    };

    /// <summary>Runs git in <paramref name="workingDirectory"/> with <paramref name="environment"/> over the inherited one, never prompting; returns its trimmed output.</summary>
    public static async Task<string> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var request = new ProcessRequest("git", arguments)
        {
            WorkingDirectory = workingDirectory,
            Environment = new Dictionary<string, string?>(environment) { ["GIT_TERMINAL_PROMPT"] = "0" },
            Timeout = Limit,
        };
        var result = await ProcessRunner.RunAsync(request, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError.Trim()}");
        }
        return result.StandardOutput.Trim();
    }
}
