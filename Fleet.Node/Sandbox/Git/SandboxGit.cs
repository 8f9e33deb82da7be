using System.Diagnostics;

namespace Fleet.Node.Sandbox.Git;

/// <summary>Runs the git command line for the sandbox's own repository work; fails with git's own message.</summary>
public static class SandboxGit
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The first commit must not depend on the user having configured an identity; theirs still applies to their own commits.
        start.Environment["GIT_AUTHOR_NAME"] = "Fleet sandbox";
        start.Environment["GIT_AUTHOR_EMAIL"] = "sandbox@fleet.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Fleet sandbox";
        start.Environment["GIT_COMMITTER_EMAIL"] = "sandbox@fleet.invalid";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await error).Trim()}");
        }
        return (await output).Trim();
    }
}
