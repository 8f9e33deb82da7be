using System.Collections.Concurrent;
using Fleet.Messages;

namespace Fleet.Tests.Cluster;

/// <summary>
/// Shared by every node of an in-process cluster: which node hosts a live instance of each entity,
/// every reconcile run with its node and times, and any moment two runs of one entity overlapped.
/// </summary>
public sealed class EntityActivityRecorder
{
    private readonly object _gate = new();
    private readonly Dictionary<ObjectKey, List<string>> _live = [];
    private readonly Dictionary<ObjectKey, string> _running = [];
    private readonly Dictionary<ObjectKey, int> _runs = [];

    public ConcurrentQueue<string> Violations { get; } = new();

    public ConcurrentQueue<RunRecord> Runs { get; } = new();

    public void InstanceStarted(ObjectKey key, string node)
    {
        lock (_gate)
        {
            var nodes = _live.TryGetValue(key, out var list) ? list : _live[key] = [];
            nodes.Add(node);
            if (nodes.Count > 1)
            {
                Violations.Enqueue($"{key} live on {string.Join(", ", nodes)} at once");
            }
        }
    }

    public void InstanceStopped(ObjectKey key, string node)
    {
        lock (_gate)
        {
            _live[key].Remove(node);
        }
    }

    /// <summary>Starts a run; returns the run's sequence number for this entity.</summary>
    public int RunStarted(ObjectKey key, string node)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(key, out var other))
            {
                Violations.Enqueue($"{key} reconciling on {node} while running on {other}");
            }
            _running[key] = node;
            return _runs[key] = _runs.GetValueOrDefault(key) + 1;
        }
    }

    public void RunFinished(ObjectKey key, string node, string? previousRevision, DateTime startedAt)
    {
        lock (_gate)
        {
            _running.Remove(key);
            Runs.Enqueue(new RunRecord(key, node, previousRevision, startedAt, DateTime.UtcNow));
        }
    }

    public IReadOnlyDictionary<ObjectKey, IReadOnlyList<string>> LiveInstances()
    {
        lock (_gate)
        {
            return _live.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value]);
        }
    }

    public sealed record RunRecord(ObjectKey Key, string Node, string? PreviousRevision, DateTime StartedAt, DateTime FinishedAt);
}
