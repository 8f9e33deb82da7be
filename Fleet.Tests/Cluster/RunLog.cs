using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fleet.Tests.Cluster;

/// <summary>
/// The run start and end lines one node process logged (<c>Kind/namespace/name: Reconcile started</c>), each stamped with
/// the time the test read it on a clock shared by all nodes' logs.
/// </summary>
public sealed partial class RunLog(string node, Stopwatch clock)
{
    private readonly ConcurrentQueue<RunLine> _lines = new();

    public string Node { get; } = node;

    public IReadOnlyCollection<RunLine> Lines => _lines;

    /// <summary>Records the line when it is a run start or end; other lines are ignored.</summary>
    public void Observe(string line)
    {
        var match = RunLinePattern().Match(line);
        if (match.Success)
        {
            _lines.Enqueue(new RunLine(Node, match.Groups["object"].Value, match.Groups["edge"].Value == "started", clock.Elapsed));
        }
    }

    [GeneratedRegex(@"(?<object>[A-Za-z]+/[^/\s]+/[^:\s]+): (Reconcile|Cleanup) (?<edge>started|ended)")]
    private static partial Regex RunLinePattern();
}

/// <summary>One run edge: <paramref name="Started"/> for a start, else an end; <paramref name="At"/> on the shared clock.</summary>
public sealed record RunLine(string Node, string Object, bool Started, TimeSpan At);
