using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Store;

/// <summary>
/// The sandbox API server's storage: every object of every resource, a global monotonic resourceVersion, and a
/// bounded log of recent changes that watches resume from. One lock serialises writes, so a read-modify-write
/// (<see cref="Write"/>) is atomic and events reach watchers in resourceVersion order.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _resources = new(StringComparer.Ordinal);
    private readonly Queue<StoreEvent> _log = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly int _logCapacity;
    private readonly TimeProvider _time;
    private long _resourceVersion;
    private long _compactedResourceVersion;

    public ObjectStore(int logCapacity = 10_000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(logCapacity, 1);
        _logCapacity = logCapacity;
        _time = time ?? TimeProvider.System;
    }

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Watches may resume from this resourceVersion or any later one; older ones get 410 Expired.</summary>
    public long CompactedResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _compactedResourceVersion;
            }
        }
    }

    public JsonObject? Get(string resource, string ns, string name)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(resource, out var objects) && objects.TryGetValue(Key(ns, name), out var obj)
                ? obj.DeepClone().AsObject()
                : null;
        }
    }

    /// <summary>Lists one resource, in one namespace or (ns null) all of them, starting after key <paramref name="after"/>.</summary>
    public ListSnapshot List(string resource, string? ns, string? after = null)
    {
        lock (_gate)
        {
            var items = new List<JsonObject>();
            if (_resources.TryGetValue(resource, out var objects))
            {
                foreach (var (key, obj) in objects)
                {
                    if ((ns is null || key.StartsWith(ns + "/", StringComparison.Ordinal))
                        && (after is null || string.CompareOrdinal(key, after) > 0))
                    {
                        items.Add(obj.DeepClone().AsObject());
                    }
                }
            }

            return new ListSnapshot(_resourceVersion, items);
        }
    }

    /// <summary>Copies of every stored object with its resource key (for controllers that search by owner).</summary>
    public IReadOnlyList<(string Resource, JsonObject Object)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _resources.SelectMany(r => r.Value.Values.Select(o => (r.Key, o.DeepClone().AsObject())))];
        }
    }

    /// <summary>Every resource that has at least one object in namespace <paramref name="ns"/>, with the names.</summary>
    public IReadOnlyList<(string Resource, string Name)> NamespaceContents(string ns)
    {
        lock (_gate)
        {
            var prefix = ns + "/";
            return [.. _resources.SelectMany(r => r.Value.Keys
                .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => (r.Key, k[prefix.Length..])))];
        }
    }

    /// <summary>
    /// Atomically reads an object, lets <paramref name="transform"/> compute its next state from a private copy
    /// (null current = absent; null result = delete), and commits it. The transform may run more than once (when a
    /// concurrent write wins), so it must not have side effects beyond its result. The store keeps uid and creationTimestamp,
    /// assigns them on create, and bumps resourceVersion only when the object really changed. A dry run computes
    /// the same result and commits nothing; a would-be create has no resourceVersion. If the transform throws,
    /// nothing changes.
    /// </summary>
    public WriteResult Write(string resource, string ns, string name, Func<JsonObject?, JsonObject?> transform, bool dryRun = false)
    {
        var key = Key(ns, name);

        // Optimistic: the transform (often a whole server-side apply) runs outside the lock, and the result commits
        // only if the object is still the one it started from; otherwise it runs again on the newer state.
        while (true)
        {
            JsonObject? stored;
            lock (_gate)
            {
                stored = _resources.TryGetValue(resource, out var objects) && objects.TryGetValue(key, out var s) ? s : null;
            }

            var next = transform(stored?.DeepClone().AsObject());
            lock (_gate)
            {
                var now = _resources.TryGetValue(resource, out var objects) && objects.TryGetValue(key, out var s) ? s : null;
                if (ReferenceEquals(now, stored))
                {
                    return Commit(resource, ns, key, stored, next, dryRun);
                }
            }
        }
    }

    private WriteResult Commit(string resource, string ns, string key, JsonObject? stored, JsonObject? next, bool dryRun)
    {
        if (next is null)
        {
            return stored is null ? new WriteResult(null, WriteOutcome.Unchanged) : Delete(resource, ns, key, stored, dryRun);
        }

        var metadata = Metadata(next);
        if (stored is null)
        {
            if (metadata["uid"] is null)
            {
                metadata["uid"] = Guid.NewGuid().ToString();
            }

            if (metadata["creationTimestamp"] is null)
            {
                metadata["creationTimestamp"] = Now();
            }

            metadata.Remove("resourceVersion");
            if (dryRun)
            {
                return new WriteResult(next, WriteOutcome.Created);
            }

            return Commit(resource, ns, key, next, null, StoreEventType.Added, WriteOutcome.Created);
        }

        var storedMetadata = Metadata(stored);
        metadata["uid"] = storedMetadata["uid"]?.DeepClone();
        metadata["creationTimestamp"] = storedMetadata["creationTimestamp"]?.DeepClone();
        metadata["resourceVersion"] = storedMetadata["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(next, stored))
        {
            return new WriteResult(stored.DeepClone().AsObject(), WriteOutcome.Unchanged);
        }

        if (dryRun)
        {
            return new WriteResult(next, WriteOutcome.Updated);
        }

        return Commit(resource, ns, key, next, stored, StoreEventType.Modified, WriteOutcome.Updated);
    }

    /// <summary>Subscribes to the changes of one resource (null: all), in one namespace (null: all). With
    /// <paramref name="fromResourceVersion"/> null the subscription starts with a synthetic Added event per current
    /// object; otherwise with every logged change after that version, or it throws 410 Expired when the log no longer
    /// reaches back that far.</summary>
    public WatchSubscription Watch(string? resource, string? ns, long? fromResourceVersion)
    {
        lock (_gate)
        {
            var backlog = new List<StoreEvent>();
            if (fromResourceVersion is long from)
            {
                if (from < _compactedResourceVersion)
                {
                    throw ApiStatus.Expired($"too old resource version: {from} ({_compactedResourceVersion})");
                }

                backlog.AddRange(_log.Where(e => e.ResourceVersion > from && Matches(e, resource, ns)));
            }
            else
            {
                foreach (var (res, objects) in _resources)
                {
                    if (resource is not null && res != resource)
                    {
                        continue;
                    }

                    foreach (var obj in objects.Values)
                    {
                        var objNs = Metadata(obj)["namespace"]?.GetValue<string>() ?? "";
                        if (ns is null || objNs == ns)
                        {
                            var rv = long.Parse(Metadata(obj)["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                            backlog.Add(new StoreEvent(rv, StoreEventType.Added, res, objNs, obj, null));
                        }
                    }
                }
            }

            var channel = Channel.CreateUnbounded<StoreEvent>();
            foreach (var e in backlog)
            {
                channel.Writer.TryWrite(e);
            }

            var subscriber = new Subscriber(resource, ns, channel);
            _subscribers.Add(subscriber);
            return new WatchSubscription(channel.Reader, _resourceVersion, backlog.Count, () => Unsubscribe(subscriber), () => CaughtUp(subscriber));
        }
    }

    /// <summary>Drops the event log, so watches from any earlier resourceVersion get 410 Expired (as after etcd compaction).</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _log.Clear();
            _compactedResourceVersion = _resourceVersion;
        }
    }

    private WriteResult Delete(string resource, string ns, string key, JsonObject stored, bool dryRun)
    {
        var final = stored.DeepClone().AsObject();
        if (dryRun)
        {
            return new WriteResult(final, WriteOutcome.Deleted);
        }

        _resources[resource].Remove(key);
        return Commit(resource, ns, key, final, stored, StoreEventType.Deleted, WriteOutcome.Deleted);
    }

    private WriteResult Commit(string resource, string ns, string key, JsonObject next, JsonObject? previous, StoreEventType type, WriteOutcome outcome)
    {
        _resourceVersion++;
        Metadata(next)["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);

        // Serialising once materialises every lazily-built node, so later concurrent readers only ever read.
        _ = next.ToJsonString();
        if (type != StoreEventType.Deleted)
        {
            if (!_resources.TryGetValue(resource, out var objects))
            {
                objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                _resources[resource] = objects;
            }

            objects[key] = next;
        }

        var storeEvent = new StoreEvent(_resourceVersion, type, resource, ns, next, previous);
        _log.Enqueue(storeEvent);
        while (_log.Count > _logCapacity)
        {
            _compactedResourceVersion = _log.Dequeue().ResourceVersion;
        }

        foreach (var subscriber in _subscribers)
        {
            if (Matches(storeEvent, subscriber.Resource, subscriber.Namespace))
            {
                subscriber.Channel.Writer.TryWrite(storeEvent);
            }
        }

        return new WriteResult(next.DeepClone().AsObject(), outcome);
    }

    private void Unsubscribe(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
            subscriber.Channel.Writer.TryComplete();
        }
    }

    /// <summary>The store's resourceVersion if the subscriber has read every event so far, else null: a safe bookmark.</summary>
    private long? CaughtUp(Subscriber subscriber)
    {
        lock (_gate)
        {
            return subscriber.Channel.Reader.Count == 0 ? _resourceVersion : null;
        }
    }

    private static bool Matches(StoreEvent e, string? resource, string? ns) =>
        (resource is null || e.Resource == resource) && (ns is null || e.Namespace == ns);

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Key(string ns, string name) => ns + "/" + name;

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    private sealed record Subscriber(string? Resource, string? Namespace, Channel<StoreEvent> Channel);
}
