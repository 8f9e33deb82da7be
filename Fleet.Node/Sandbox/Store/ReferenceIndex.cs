using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Store;

/// <summary>
/// Where each stored object is by uid, and which objects name a uid in their ownerReferences: the lookups the
/// garbage collector makes on every Deployment and deletion event, answered without walking the whole store.
/// Not thread-safe: <see cref="ObjectStore"/> updates and reads it under its lock.
/// </summary>
internal sealed class ReferenceIndex
{
    private readonly Dictionary<string, (string Resource, string Key)> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Resource, string Key)>> _byOwner = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="previous"/> (if any) left key <paramref name="key"/> and <paramref name="next"/> (if any) took it.</summary>
    public void Replace(string resource, string key, JsonObject? previous, JsonObject? next)
    {
        if (previous is not null)
        {
            if (Uid(previous) is { } uid)
            {
                _byUid.Remove(uid);
            }

            foreach (var owner in Owners(previous))
            {
                if (_byOwner.TryGetValue(owner, out var dependents) && dependents.Remove((resource, key)) && dependents.Count == 0)
                {
                    _byOwner.Remove(owner);
                }
            }
        }

        if (next is not null)
        {
            if (Uid(next) is { } uid)
            {
                _byUid[uid] = (resource, key);
            }

            foreach (var owner in Owners(next))
            {
                if (!_byOwner.TryGetValue(owner, out var dependents))
                {
                    dependents = [];
                    _byOwner[owner] = dependents;
                }

                dependents.Add((resource, key));
            }
        }
    }

    public (string Resource, string Key)? ByUid(string uid) => _byUid.TryGetValue(uid, out var found) ? found : null;

    /// <summary>The objects whose ownerReferences name <paramref name="ownerUid"/>, in no particular order.</summary>
    public IReadOnlyCollection<(string Resource, string Key)> Dependents(string ownerUid) =>
        _byOwner.TryGetValue(ownerUid, out var dependents) ? dependents : [];

    private static string? Uid(JsonObject obj) =>
        obj["metadata"]?["uid"] is JsonValue value && value.TryGetValue<string>(out var uid) ? uid : null;

    private static IEnumerable<string> Owners(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray references)
        {
            yield break;
        }

        foreach (var reference in references)
        {
            if (reference?["uid"] is JsonValue value && value.TryGetValue<string>(out var uid))
            {
                yield return uid;
            }
        }
    }
}
