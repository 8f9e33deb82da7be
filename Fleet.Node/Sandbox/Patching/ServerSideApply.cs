using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>Server-side apply: merge an applied configuration into the live object and track field ownership.</summary>
public static class ServerSideApply
{
    /// <summary>The manager that owns what an object held before its first apply.</summary>
    public const string BeforeFirstApply = "before-first-apply";

    private static readonly string[] ServerMetadata = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    /// <summary>Objects that Go always serializes, so they stay even when pruning empties them.</summary>
    private static readonly HashSet<string> KeptWhenEmpty = ["metadata", "spec", "status", "template", "strategy", "updateStrategy", "jobTemplate", "resources"];

    /// <summary>
    /// Returns the object to store. When nothing changes, the result equals <paramref name="live"/> (managedFields and
    /// time stamps included), so the caller can detect the no-op with a deep comparison.
    /// </summary>
    /// <exception cref="ApplyConflictException">Another manager owns a field with a different value and force is off.</exception>
    /// <exception cref="PatchException">The applied configuration is malformed.</exception>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, ApplyOptions options)
    {
        var (group, kind) = ManagedFields.GroupKind(applied);
        if (kind.Length == 0 || applied["apiVersion"] is null)
        {
            throw PatchException.BadRequest("apiVersion and kind must be set in the applied configuration");
        }

        var lenient = new ListContext(group, kind, options.Lists, Strict: false);
        var config = PrepareConfig(applied, options);
        var configSet = FieldSet.FromObject(config, group, kind, options.Lists).Difference(FieldWalker.Stripped);

        var current = live is null ? Skeleton(config) : WithoutManagedFields(live);
        var entries = ManagerEntry.Parse(live?["metadata"]?["managedFields"]);
        if (live is not null && entries.Count == 0)
        {
            var existing = FieldWalker.Diff(Skeleton(current), current, lenient).Changed;
            if (!existing.IsEmpty)
            {
                entries.Add(new ManagerEntry(BeforeFirstApply, "Update", current["apiVersion"]?.ToString() ?? options.ApiVersion, ManagerEntry.FormatTime(options.Time), null, existing));
            }
        }

        var merged = MergeObject(current, config, string.Empty, lenient);
        var objectChanged = !JsonNode.DeepEquals(current, merged);
        var changed = objectChanged ? FieldWalker.Diff(current, merged, lenient).Changed : FieldSet.Empty;
        var identity = ManagerEntry.Key(options.Manager, "Apply", options.Subresource, options.ApiVersion);
        TakeConflictingFields(entries, identity, changed, options);

        var mine = entries.Find(e => e.Identity == identity);
        var lastSet = mine?.Set ?? FieldSet.Empty;
        var ownedByOthers = entries.Where(e => e.Identity != identity).Aggregate(FieldSet.Empty, (all, e) => all.Union(e.Set));
        var stillOwned = ownedByOthers.Union(configSet);
        var dropped = lastSet.Difference(stillOwned);
        if (!dropped.IsEmpty)
        {
            PruneObject(merged, dropped, stillOwned, string.Empty, lenient);
            objectChanged = !JsonNode.DeepEquals(current, merged);
            var removed = objectChanged ? FieldWalker.Diff(current, merged, lenient).Removed : FieldSet.Empty;
            foreach (var entry in entries.Where(e => e.Identity != identity))
            {
                entry.Set = entry.Set.Difference(removed);
            }
        }

        if (mine is null)
        {
            mine = new ManagerEntry(options.Manager, "Apply", options.ApiVersion, null, options.Subresource, configSet);
            entries.Add(mine);
        }

        mine.Set = configSet;
        if (objectChanged || mine.SetChanged || mine.ApiVersion != options.ApiVersion)
        {
            mine.Time = ManagerEntry.FormatTime(options.Time);
        }

        mine.ApiVersion = options.ApiVersion;
        var encoded = ManagerEntry.Encode(entries);
        if (live is not null && !objectChanged && JsonNode.DeepEquals(encoded, live["metadata"]?["managedFields"] ?? new JsonArray()))
        {
            return (JsonObject)live.DeepClone();
        }

        ManagedFields.SetManagedFields(merged, encoded);
        return merged;
    }

    private static void TakeConflictingFields(List<ManagerEntry> entries, string identity, FieldSet changed, ApplyOptions options)
    {
        var conflicts = new List<(ManagerEntry Entry, FieldSet Fields)>();
        foreach (var entry in entries)
        {
            if (entry.Identity == identity)
            {
                continue;
            }

            var overlap = entry.Set.Intersect(changed);
            if (!overlap.IsEmpty)
            {
                conflicts.Add((entry, overlap));
            }
        }

        if (conflicts.Count == 0)
        {
            return;
        }

        if (!options.Force)
        {
            var list = conflicts
                .OrderBy(c => c.Entry.Manager, StringComparer.Ordinal)
                .SelectMany(c => c.Fields.Paths().Select(p => new ApplyConflict(c.Entry.Manager, c.Entry.Operation, c.Entry.ApiVersion, c.Entry.Subresource, p)))
                .ToList();
            throw new ApplyConflictException(list);
        }

        foreach (var (entry, fields) in conflicts)
        {
            entry.Set = entry.Set.Difference(fields);
        }
    }

    private static JsonObject PrepareConfig(JsonObject applied, ApplyOptions options)
    {
        var config = (JsonObject)applied.DeepClone();
        if (config["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerMetadata)
            {
                metadata.Remove(field);
            }
        }

        if (options.Subresource == "status")
        {
            foreach (var key in config.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status")).ToList())
            {
                config.Remove(key);
            }
        }
        else if (options.Subresource is null && options.HasStatusSubresource)
        {
            config.Remove("status");
        }

        RemoveNulls(config);
        return config;
    }

    private static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    RemoveNulls(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveNulls(item);
                }

                break;
        }
    }

    private static JsonObject Skeleton(JsonObject source)
    {
        var metadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace" })
        {
            if (source["metadata"]?[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = source["apiVersion"]?.DeepClone(),
            ["kind"] = source["kind"]?.DeepClone(),
            ["metadata"] = metadata,
        };
    }

    private static JsonObject WithoutManagedFields(JsonObject live)
    {
        var copy = (JsonObject)live.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static JsonObject MergeObject(JsonObject live, JsonObject config, string path, ListContext ctx)
    {
        var result = (JsonObject)live.DeepClone();
        foreach (var (key, value) in config)
        {
            var childPath = FieldWalker.Join(path, key);
            result[key] = result.TryGetPropertyValue(key, out var existing) ? MergeValue(existing, value, childPath, ctx) : value?.DeepClone();
        }

        return result;
    }

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? config, string path, ListContext ctx) => (live, config) switch
    {
        (JsonObject l, JsonObject c) when !ctx.IsAtomicMap(path) => MergeObject(l, c, path, ctx),
        (JsonArray l, JsonArray c) => MergeList(l, c, path, ctx),
        _ => config?.DeepClone(),
    };

    /// <summary>Keyed lists and sets keep the live order and append new items, as the API server does.</summary>
    private static JsonArray MergeList(JsonArray live, JsonArray config, string path, ListContext ctx)
    {
        var spec = ctx.Resolve(path);
        if (spec.Type == ListType.Set)
        {
            var result = (JsonArray)live.DeepClone();
            var present = live.Select(FieldWalker.SetValueKey).ToHashSet(StringComparer.Ordinal);
            foreach (var item in config.Where(i => present.Add(FieldWalker.SetValueKey(i))))
            {
                result.Add(item?.DeepClone());
            }

            return result;
        }

        if (spec.Type == ListType.Atomic || live.Any(i => FieldWalker.ItemKey(i, spec) is null) || config.Any(i => FieldWalker.ItemKey(i, spec) is null))
        {
            return (JsonArray)config.DeepClone();
        }

        var applied = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var item in config)
        {
            applied[FieldWalker.ItemKey(item, spec)!] = (JsonObject)item!;
        }

        var merged = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in live)
        {
            var key = FieldWalker.ItemKey(item, spec)!;
            seen.Add(key);
            merged.Add(applied.TryGetValue(key, out var update) ? MergeObject((JsonObject)item!, update, path, ctx) : item!.DeepClone());
        }

        foreach (var item in config)
        {
            if (seen.Add(FieldWalker.ItemKey(item, spec)!))
            {
                merged.Add(item!.DeepClone());
            }
        }

        return merged;
    }

    /// <summary>Removes the fields in <paramref name="remove"/> unless someone still owns something beneath them.</summary>
    private static void PruneObject(JsonObject obj, FieldSet remove, FieldSet owned, string path, ListContext ctx)
    {
        foreach (var (element, child) in remove.Children)
        {
            if (!element.StartsWith("f:", StringComparison.Ordinal))
            {
                continue;
            }

            var name = element[2..];
            if (!obj.TryGetPropertyValue(name, out var value))
            {
                continue;
            }

            var ownedChild = owned.TryGetChild(element);
            if (child.IsMember && (ownedChild is null || ownedChild.IsEmpty))
            {
                obj.Remove(name);
                continue;
            }

            var childPath = FieldWalker.Join(path, name);
            var emptied = false;
            if (value is JsonObject nested && nested.Count > 0)
            {
                PruneObject(nested, child, ownedChild ?? FieldSet.Empty, childPath, ctx);
                emptied = nested.Count == 0;
            }
            else if (value is JsonArray list && list.Count > 0)
            {
                PruneList(list, child, ownedChild ?? FieldSet.Empty, childPath, ctx);
                emptied = list.Count == 0;
            }

            if (emptied && !KeptWhenEmpty.Contains(name))
            {
                obj.Remove(name);
            }
        }
    }

    private static void PruneList(JsonArray list, FieldSet remove, FieldSet owned, string path, ListContext ctx)
    {
        var spec = ctx.Resolve(path);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var element = spec.Type switch
            {
                ListType.Set => FieldWalker.SetValueKey(list[i]),
                ListType.Map => FieldWalker.ItemKey(list[i], spec),
                _ => null,
            };
            if (element is null || remove.TryGetChild(element) is not { } child)
            {
                continue;
            }

            var ownedChild = owned.TryGetChild(element);
            if (child.IsMember && (ownedChild is null || ownedChild.IsEmpty))
            {
                list.RemoveAt(i);
            }
            else if (list[i] is JsonObject item)
            {
                PruneObject(item, child, ownedChild ?? FieldSet.Empty, path, ctx);
            }
        }
    }
}
