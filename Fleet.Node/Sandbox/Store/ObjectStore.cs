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
    private readonly ReferenceIndex _references = new();
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
        JsonObject? found;
        lock (_gate)
        {
            found = _resources.TryGetValue(resource, out var objects) && objects.TryGetValue(Key(ns, name), out var obj) ? obj : null;
        }

        // Stored objects are frozen, so the copy needs no lock.
        return found?.DeepClone().AsObject();
    }

    /// <summary>Lists one resource, in one namespace or (ns null) all of them, starting after key <paramref name="after"/>.</summary>
    public ListSnapshot List(string resource, string? ns, string? after = null)
    {
        var items = new List<JsonObject>();
        long resourceVersion;
        lock (_gate)
        {
            if (_resources.TryGetValue(resource, out var objects))
            {
                foreach (var (key, obj) in objects)
                {
                    if ((ns is null || key.StartsWith(ns + "/", StringComparison.Ordinal))
                        && (after is null || string.CompareOrdinal(key, after) > 0))
                    {
                        items.Add(obj);
                    }
                }
            }

            resourceVersion = _resourceVersion;
        }

        for (var i = 0; i < items.Count; i++)
        {
            items[i] = items[i].DeepClone().AsObject();
        }

        return new ListSnapshot(resourceVersion, items);
    }

    /// <summary>Copies of the objects whose ownerReferences name <paramref name="ownerUid"/>, with their resource keys,
    /// by resource (in the order resources were first written) and then by key.</summary>
    public IReadOnlyList<(string Resource, JsonObject Object)> Dependents(string ownerUid)
    {
        var found = new List<(string Resource, JsonObject Object)>();
        lock (_gate)
        {
            var dependents = _references.Dependents(ownerUid);
            if (dependents.Count == 0)
            {
                return found;
            }

            foreach (var (resource, objects) in _resources)
            {
                foreach (var key in dependents.Where(d => d.Resource == resource).Select(d => d.Key).Order(StringComparer.Ordinal))
                {
                    found.Add((resource, objects[key]));
                }
            }
        }

        return [.. found.Select(d => (d.Resource, d.Object.DeepClone().AsObject()))];
    }

    /// <summary>A copy of the object with uid <paramref name="uid"/> and its resource key, or null when none is stored.</summary>
    public (string Resource, JsonObject Object)? FindByUid(string uid)
    {
        (string Resource, JsonObject Object) found;
        lock (_gate)
        {
            if (_references.ByUid(uid) is not var (resource, key))
            {
                return null;
            }

            found = (resource, _resources[resource][key]);
        }

        return (found.Resource, found.Object.DeepClone().AsObject());
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

        // Optimistic: the transform (often a whole server-side apply) and the comparison with the stored object run
        // outside the lock, and the result commits only if the object is still the one it started from; otherwise it
        // runs again on the newer state. The lock covers only the check, the resourceVersion and the fan-out.
        while (true)
        {
            JsonObject? stored;
            lock (_gate)
            {
                stored = Find(resource, key);
            }

            var next = transform(stored?.DeepClone().AsObject());
            var outcome = Prepare(stored, ref next);
            var commit = !dryRun && outcome != WriteOutcome.Unchanged;
            if (commit)
            {
                // Serialising once materialises every lazily-built node, so later concurrent readers only ever read.
                _ = next!.ToJsonString();
            }

            lock (_gate)
            {
                if (!ReferenceEquals(Find(resource, key), stored))
                {
                    continue;
                }

                if (commit)
                {
                    Commit(resource, ns, key, next!, stored, outcome);
                }
            }

            // A result the store now holds (or held) is frozen: the caller gets a copy; a dry run's is private already.
            var shared = commit || (outcome == WriteOutcome.Unchanged && next is not null);
            return new WriteResult(shared ? next!.DeepClone().AsObject() : next, outcome);
        }
    }

    private JsonObject? Find(string resource, string key) =>
        _resources.TryGetValue(resource, out var objects) && objects.TryGetValue(key, out var found) ? found : null;

    /// <summary>
    /// What writing <paramref name="next"/> over <paramref name="stored"/> does, with <paramref name="next"/> made the
    /// object to store: server-owned metadata carried over (or assigned on create), the stored object itself when
    /// nothing changes, and for a delete a copy of the final state.
    /// </summary>
    private WriteOutcome Prepare(JsonObject? stored, ref JsonObject? next)
    {
        if (next is null)
        {
            if (stored is null)
            {
                return WriteOutcome.Unchanged;
            }

            next = stored.DeepClone().AsObject();
            return WriteOutcome.Deleted;
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
            return WriteOutcome.Created;
        }

        var storedMetadata = Metadata(stored);
        metadata["uid"] = storedMetadata["uid"]?.DeepClone();
        metadata["creationTimestamp"] = storedMetadata["creationTimestamp"]?.DeepClone();
        metadata["resourceVersion"] = storedMetadata["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(next, stored))
        {
            next = stored;
            return WriteOutcome.Unchanged;
        }

        return WriteOutcome.Updated;
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

    private void Commit(string resource, string ns, string key, JsonObject next, JsonObject? stored, WriteOutcome outcome)
    {
        _resourceVersion++;
        Metadata(next)["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (!_resources.TryGetValue(resource, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _resources[resource] = objects;
        }

        if (outcome == WriteOutcome.Deleted)
        {
            objects.Remove(key);
            _references.Replace(resource, key, stored, null);
        }
        else
        {
            objects[key] = next;
            _references.Replace(resource, key, stored, next);
        }

        var type = outcome switch
        {
            WriteOutcome.Created => StoreEventType.Added,
            WriteOutcome.Deleted => StoreEventType.Deleted,
            _ => StoreEventType.Modified,
        };
        var storeEvent = new StoreEvent(_resourceVersion, type, resource, ns, next, stored);
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
