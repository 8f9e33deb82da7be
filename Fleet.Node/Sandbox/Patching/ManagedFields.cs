using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>managedFields bookkeeping for writes that are not server-side apply (POST, PUT and the other patches).</summary>
public static class ManagedFields
{
    /// <summary>
    /// Returns <paramref name="after"/> with its managedFields updated: the fields the write changed (all fields on
    /// create) go to <paramref name="manager"/>'s <c>Update</c> entry and leave the other managers' sets.
    /// The starting managedFields are chosen by <see cref="Requested"/>.
    /// </summary>
    public static JsonObject RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, DateTimeOffset time, string? subresource)
    {
        var (group, kind) = GroupKind(after);
        var ctx = new ListContext(group, kind, ListSchema.BuiltIn, Strict: false);
        var entries = ManagerEntry.Parse(Requested(before, after, subresource));
        var (changed, removed) = FieldWalker.Diff(before, after, ctx);
        var identity = ManagerEntry.Key(manager, "Update", subresource, apiVersion);
        ManagerEntry? mine = null;
        foreach (var entry in entries)
        {
            if (entry.Identity == identity)
            {
                mine = entry;
            }
            else
            {
                entry.Set = entry.Set.Difference(changed).Difference(removed);
            }
        }

        if (mine is null)
        {
            mine = new ManagerEntry(manager, "Update", apiVersion, null, subresource, FieldSet.Empty);
            entries.Add(mine);
        }

        mine.Set = mine.Set.Difference(removed).Union(changed);
        if (!changed.IsEmpty || !removed.IsEmpty || (mine.IsNew && !mine.Set.IsEmpty))
        {
            mine.Time = ManagerEntry.FormatTime(time);
        }

        var result = (JsonObject)after.DeepClone();
        SetManagedFields(result, ManagerEntry.Encode(entries));
        return result;
    }

    /// <summary>
    /// The managedFields a write starts from: those the request body carries when it carries a non-empty list
    /// (<c>[{}]</c> thus clears them), otherwise the stored ones (a missing or <c>[]</c> list leaves them unchanged).
    /// Subresource writes always keep the stored ones.
    /// </summary>
    public static JsonArray Requested(JsonObject? before, JsonObject after, string? subresource)
    {
        var stored = before?["metadata"]?["managedFields"] as JsonArray;
        var requested = after["metadata"]?["managedFields"] as JsonArray;
        var chosen = subresource is null && requested is { Count: > 0 } ? requested : stored;
        var result = new JsonArray();
        foreach (var entry in chosen ?? [])
        {
            if (entry is JsonObject { Count: > 0 })
            {
                result.Add(entry.DeepClone());
            }
        }

        return result;
    }

    internal static (string Group, string Kind) GroupKind(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var t) ? t : string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? string.Empty : apiVersion[..slash], kind);
    }

    internal static void SetManagedFields(JsonObject obj, JsonArray entries)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            if (entries.Count == 0)
            {
                return;
            }

            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (entries.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = entries;
        }
    }
}
