using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// Flux's metadata cleanup before an apply: a JSON patch (RFC 6902) that drops the client-side-apply and legacy Flux
/// markers, and hands the fields of <c>kubectl</c> (apply and edits), <c>before-first-apply</c>, Flux's
/// <c>kustomize-controller</c> and the owner's own non-apply writes to the owner's Apply entry in managedFields.
/// Taking those fields over lets the next apply revert a <c>kubectl edit</c> and adopt what Flux applied before.
/// </summary>
public sealed class MetadataCleanup(ApplyOwner owner)
{
    private const string Apply = "Apply";
    private const string Update = "Update";

    /// <summary>Flux's own field manager, whose objects Fleet adopts.</summary>
    private const string FluxManager = "kustomize-controller";

    private readonly string[] _annotations = ["kubectl.kubernetes.io/last-applied-configuration", $"{owner.Group}/checksum", "fluxcd.io/sync-checksum"];
    private readonly string[] _labels = ["fluxcd.io/sync-gc-mark"];

    /// <summary>The operations to send; empty when the object needs no cleanup.</summary>
    public JsonArray Patch(JsonObject existing)
    {
        var operations = new JsonArray();
        var metadata = existing["metadata"] as JsonObject;
        Remove(metadata?["annotations"] as JsonObject, "annotations", _annotations, operations);
        Remove(metadata?["labels"] as JsonObject, "labels", _labels, operations);
        if (metadata?["managedFields"] is JsonArray managed && TakeOver(managed) is { } replaced)
        {
            operations.Add(new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = replaced });
        }

        return operations;
    }

    /// <summary>True for a managedFields entry whose fields the owner takes over.</summary>
    public bool IsTakenOver(string manager, string operation, string? subresource) =>
        string.IsNullOrEmpty(subresource)
        && (manager == FluxManager
            || (operation == Apply && manager == "kubectl")
            || (operation == Update && (manager.StartsWith("kubectl", StringComparison.Ordinal) || manager == "before-first-apply" || manager == owner.FieldManager)));

    private static void Remove(JsonObject? map, string name, string[] keys, JsonArray operations)
    {
        foreach (var key in keys.Where(k => map?.ContainsKey(k) == true))
        {
            operations.Add(new JsonObject { ["op"] = "remove", ["path"] = $"/metadata/{name}/{Escape(key)}" });
        }
    }

    /// <summary>The managedFields with the taken-over entries merged into the owner's Apply entry, or null when none is taken over.</summary>
    private JsonArray? TakeOver(JsonArray managed)
    {
        var entries = managed.OfType<JsonObject>().ToList();
        var taken = entries.Where(e => IsTakenOver(Text(e, "manager"), Text(e, "operation"), Text(e, "subresource"))).ToList();
        if (taken.Count == 0)
        {
            return null;
        }

        var target = entries.FirstOrDefault(e => Text(e, "manager") == owner.FieldManager && Text(e, "operation") == Apply && Text(e, "subresource").Length == 0)
            ?? taken[0];
        var merged = (JsonObject)target.DeepClone();
        merged["manager"] = owner.FieldManager;
        merged["operation"] = Apply;
        merged["fieldsType"] = "FieldsV1";
        var fields = merged["fieldsV1"] as JsonObject ?? [];
        foreach (var entry in taken.Where(e => !ReferenceEquals(e, target)))
        {
            Union(fields, entry["fieldsV1"] as JsonObject);
        }

        merged["fieldsV1"] = fields.DeepClone();
        var result = new JsonArray();
        foreach (var entry in entries)
        {
            if (ReferenceEquals(entry, target))
            {
                result.Add(merged);
            }
            else if (!taken.Contains(entry))
            {
                result.Add(entry.DeepClone());
            }
        }

        return result;
    }

    /// <summary>Adds every field of <paramref name="other"/>'s field set (a tree of <c>f:</c>/<c>k:</c> keys) to <paramref name="into"/>.</summary>
    private static void Union(JsonObject into, JsonObject? other)
    {
        foreach (var (key, value) in other ?? [])
        {
            if (into[key] is JsonObject existing && value is JsonObject nested)
            {
                Union(existing, nested);
            }
            else if (!into.ContainsKey(key))
            {
                into[key] = value?.DeepClone();
            }
        }
    }

    private static string Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
