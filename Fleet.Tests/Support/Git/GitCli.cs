using System.Diagnostics;

namespace Fleet.Tests.Support.Git;

/// <summary>Runs the git command line for test fixtures; fails loudly with git's own message.</summary>
public static class GitCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
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
        // Fixed identity and dates, and no user or system config, so fixtures do not depend on the machine.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_NAME"] = "Fleet Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = "test@fleet.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Fleet Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@fleet.invalid";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', arguments)} took longer than {Limit}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
        return output.Result.Trim();
    }
}
