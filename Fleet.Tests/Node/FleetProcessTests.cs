using System.Text;
using Fleet.Tests.Support;

namespace Fleet.Tests.Node;

/// <summary>The real `fleet` executable, as an operator runs it.</summary>
public sealed class FleetProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fleet-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task HelpListsTheCommands()
    {
        var (exitCode, output) = await RunToEnd("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("node", output, StringComparison.Ordinal);
        Assert.Contains("crds", output, StringComparison.Ordinal);
        Assert.Contains("sandbox", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeFormsAClusterOfOneLogsThatItIsUpAndStopsCleanlyOnCtrlC()
    {
        var dataDir = Path.Combine(_directory, "data");
        var output = new StringBuilder();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The data directory comes from the environment, as an operator's manifest would set it.
        using var node = FleetProcess.Start(["node", "--port", "0", "--http-port", "0", "--webhook-port", "0"], new Dictionary<string, string> { ["FLEET_DATA_DIR"] = dataDir }, line =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
            if (line.Contains("is up", StringComparison.Ordinal))
            {
                up.TrySetResult();
            }
        });

        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(File.Exists(Path.Combine(dataDir, "fleet.db")), "the SQLite journal lives under the data directory");

        await ProcessSignals.InterruptAsync(node);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, node.ExitCode);
        lock (output)
        {
            Assert.Contains("cluster of 1", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostgresJournalWithoutAConnectionStringIsRefusedWithAReason()
    {
        var (exitCode, output) = await RunToEnd("node", "--journal", "postgres", "--data-dir", _directory);
        Assert.Equal(2, exitCode);
        Assert.Contains("--journal-connection", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunToEnd(params string[] arguments) =>
        FleetProcess.RunToEndAsync(arguments, TimeSpan.FromSeconds(60));
}
