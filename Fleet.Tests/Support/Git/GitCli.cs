using Fleet.Node.Sandbox.Git;

namespace Fleet.Tests.Support.Git;

/// <summary>Runs the git command line for test fixtures; fails loudly with git's own message.</summary>
public static class GitCli
{
    // Fixed identity and no user or system config, so fixtures do not depend on the machine.
    private static readonly Dictionary<string, string?> Isolated = new()
    {
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_AUTHOR_NAME"] = "Fleet Test",
        ["GIT_AUTHOR_EMAIL"] = "test@fleet.invalid",
        ["GIT_COMMITTER_NAME"] = "Fleet Test",
        ["GIT_COMMITTER_EMAIL"] = "test@fleet.invalid",
    };

    // Synchronous because fixtures build their repositories in constructors; off the test's synchronization context so the wait cannot deadlock it.
    public static string Run(string workingDirectory, params string[] arguments) =>
        Task.Run(() => SandboxGit.RunAsync(workingDirectory, arguments, Isolated)).GetAwaiter().GetResult();
}
