using System.Diagnostics;
using Fleet.Tests.Support;

namespace Fleet.Tests.Cluster;

/// <summary>One `fleet node` process of a <see cref="ProcessCluster"/>: its remoting port, run log and last output lines.</summary>
public sealed class ClusterNodeProcess : IAsyncDisposable
{
    private readonly Queue<string> _tail = new();
    private TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public ClusterNodeProcess(string name, int port, RunLog runs)
    {
        (Name, Port, Runs) = (name, port, runs);
    }

    public string Name { get; }

    public int Port { get; }

    public RunLog Runs { get; }

    /// <summary>Completes once the node's current process logged that it is Up in the cluster.</summary>
    public Task Up => _up.Task;

    public bool Running => _process is { HasExited: false };

    public void Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        _process?.Dispose();
        _up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = FleetProcess.Start(arguments, environment, Observe, workingDirectory);
    }

    /// <summary>kill -9: no leaving, no hand-off.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The node's last output lines, for a failure message.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return $"--- {Name} ---\n" + string.Join('\n', _tail);
        }
    }

    private void Observe(string line)
    {
        Runs.Observe(line);
        if (line.Contains("is up (roles", StringComparison.Ordinal))
        {
            _up.TrySetResult();
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
