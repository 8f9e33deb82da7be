using Fleet.Messages;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The objects an entity consumes (its source, its dependencies) and the revision its last run used from each: which to
/// subscribe to and drop, and whether a published revision calls for a reconcile. Used on the actor's thread only.
/// </summary>
public sealed class UpstreamTracker
{
    /// <summary>What the last run used from each upstream object; null until a run reports its upstreams.</summary>
    private IReadOnlyDictionary<ObjectKey, string?>? _used;

    /// <summary>Revisions upstream objects published while a run was under way, checked when it ends.</summary>
    private readonly Dictionary<ObjectKey, string> _publishedDuringRun = [];

    /// <summary>
    /// An upstream object reached <paramref name="revision"/>. It matters unless the last run already used it; while a run
    /// is under way the run's own report decides. An object this one no longer consumes is told to stop.
    /// </summary>
    public UpstreamNews Published(ObjectKey source, string revision, bool running)
    {
        if (_used is { } known && !known.ContainsKey(source))
        {
            return UpstreamNews.Unsubscribe;
        }
        if (running)
        {
            _publishedDuringRun[source] = revision;
            return UpstreamNews.None;
        }
        return _used is { } used && used.TryGetValue(source, out var consumed) && consumed == revision
            ? UpstreamNews.None
            : UpstreamNews.Reconcile;
    }

    /// <summary>Follows the upstream objects a run <paramref name="reported"/> (null keeps the last run's).</summary>
    public UpstreamChanges Follow(IReadOnlyDictionary<ObjectKey, string?>? reported)
    {
        var used = reported ?? _used;
        var again = used is not null
            && _publishedDuringRun.Any(p => used.TryGetValue(p.Key, out var consumed) && consumed != p.Value);
        _publishedDuringRun.Clear();
        if (reported is null)
        {
            return new UpstreamChanges([], [], again);
        }
        var before = _used ?? new Dictionary<ObjectKey, string?>();
        _used = reported;
        return new UpstreamChanges(
            [.. reported.Keys.Where(k => !before.ContainsKey(k))],
            [.. before.Keys.Where(k => !reported.ContainsKey(k))],
            again);
    }

    /// <summary>Forgets every upstream object (the consumer is deleted or gone) and returns those to unsubscribe from.</summary>
    public IReadOnlyList<ObjectKey> Drop()
    {
        IReadOnlyList<ObjectKey> all = [.. _used?.Keys ?? []];
        _used = null;
        return all;
    }
}
