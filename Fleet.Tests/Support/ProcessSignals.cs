using System.Diagnostics;
using System.Globalization;
using Fleet.Actors.Processes;

namespace Fleet.Tests.Support;

/// <summary>Signals for long-running servers the tests started; .NET itself can only send SIGKILL.</summary>
public static class ProcessSignals
{
    /// <summary>SIGINT, as Ctrl+C sends: the graceful shutdown of PostgreSQL and of a fleet node.</summary>
    public static async Task InterruptAsync(Process process)
    {
        // kill's exit code is not checked: a process that exited meanwhile is no error, and waiting for it shows the outcome.
        await ProcessRunner.RunAsync(
            new ProcessRequest("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromSeconds(10) },
            CancellationToken.None);
    }
}
