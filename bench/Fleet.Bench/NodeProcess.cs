using System.Diagnostics;
using System.Globalization;

namespace Fleet.Bench;

/// <summary>
/// `fleet node` (the Fleet.Node executable) as a child process against a kubeconfig, so its memory and CPU are its
/// own: peak resident set from /proc/&lt;pid&gt;/status (VmHWM), CPU from the process. Its log lines are counted, the last kept.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private int _lines;

    private NodeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>CPU of the node's children that ended (kustomize runs, git): cutime + cstime of /proc/&lt;pid&gt;/stat, 10 ms ticks.</summary>
    public TimeSpan ChildrenProcessorTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the parenthesised name start at field 3; cutime and cstime are fields 16 and 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromMilliseconds(10 * (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Log lines the node printed so far.</summary>
    public int Lines => Volatile.Read(ref _lines);

    public static NodeProcess Start(string kubeconfig, string dataDir)
    {
        var fleet = Path.Combine(AppContext.BaseDirectory, "fleet.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dataDir };
        foreach (var argument in new[] { fleet, "node", "--kubeconfig", kubeconfig, "--data-dir", dataDir, "--http-port", "0", "--webhook-port", "0", "--port", "0", "--hostname", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }
        // NODE_DOTNET_x=v sets DOTNET_x=v for the node alone, to try runtime settings without touching the API server's.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (string?)e.Value)))
        {
            if (name.StartsWith("NODE_DOTNET_", StringComparison.Ordinal))
            {
                start.Environment[name["NODE_".Length..]] = value;
            }
        }
        var node = new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("fleet node did not start"));
        node._process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in bytes: VmHWM is the peak resident set, VmRSS the current one.</summary>
    public long StatusBytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"no {field} in /proc/{Id}/status");
    }

    /// <summary>The last log lines, for a failure message.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join('\n', _tail);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        Interlocked.Increment(ref _lines);
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 20)
            {
                _tail.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        _process.Dispose();
    }
}
