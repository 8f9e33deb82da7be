using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Catalog;

/// <summary>What the API server does with a CustomResourceDefinition: validate its names, establish it at once
/// (accepted names, stored versions, NamesAccepted and Established conditions) and turn each served version into a
/// resource type.</summary>
public static class CustomResourceDefinitions
{
    public static IReadOnlyList<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        if (group.Length == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.group", "Required value"));
        }

        if (plural.Length == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.names.plural", "Required value"));
        }

        if ((spec?["names"]?["kind"]?.GetValue<string>() ?? "").Length == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.names.kind", "Required value"));
        }

        if (spec?["scope"]?.GetValue<string>() is not ("Namespaced" or "Cluster"))
        {
            errors.Add(new FieldError("FieldValueNotSupported", "spec.scope", $"Unsupported value: \"{spec?["scope"]?.GetValue<string>()}\": supported values: \"Cluster\", \"Namespaced\""));
        }

        if (spec?["versions"] is not JsonArray { Count: > 0 } versions)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.versions", "Required value: must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            errors.Add(new FieldError("FieldValueInvalid", "spec.versions", $"Invalid value: {versions.ToJsonString()}: must have exactly one version marked as storage version"));
        }

        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        if (errors.Count == 0 && name != $"{plural}.{group}")
        {
            errors.Add(new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }

        return errors;
    }

    /// <summary>Sets the status a real server reaches once the names are accepted and the CRD is established.</summary>
    public static void Establish(JsonObject crd, string now)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.DeepClone().AsObject();
        var kind = names["kind"]!.GetValue<string>();
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        spec["names"] = names.DeepClone();
        var status = crd["status"] as JsonObject ?? new JsonObject();
        var previous = status["conditions"] as JsonArray;
        status["acceptedNames"] = names;
        var stored = new SortedSet<string>((status["storedVersions"] as JsonArray ?? []).Select(v => v!.GetValue<string>()), StringComparer.Ordinal);
        foreach (var version in spec["versions"]!.AsArray().OfType<JsonObject>().Where(v => v["storage"]?.GetValue<bool>() == true))
        {
            stored.Add(version["name"]!.GetValue<string>());
        }

        status["storedVersions"] = new JsonArray([.. stored.Select(v => (JsonNode?)v)]);
        status["conditions"] = new JsonArray(
            Condition(previous, "NamesAccepted", "NoConflicts", "no conflicts found", now),
            Condition(previous, "Established", "InitialNamesAccepted", "the initial names have been accepted", now));
        crd["status"] = status;
    }

    /// <summary>The served versions as resource types (the storage version first, so discovery prefers it).</summary>
    public static IReadOnlyList<ResourceType> ResourceTypes(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var group = spec["group"]!.GetValue<string>();
        var kind = names["kind"]!.GetValue<string>();
        var versions = spec["versions"]!.AsArray().OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() != false)
            .OrderByDescending(v => v["storage"]?.GetValue<bool>() == true);
        var types = new List<ResourceType>();
        foreach (var version in versions)
        {
            var scale = version["subresources"]?["scale"] is JsonObject s
                ? new ScaleSpec(s["specReplicasPath"]!.GetValue<string>(), s["statusReplicasPath"]!.GetValue<string>(), s["labelSelectorPath"]?.GetValue<string>())
                : null;
            types.Add(new ResourceType
            {
                Group = group,
                Version = version["name"]!.GetValue<string>(),
                Kind = kind,
                Plural = names["plural"]!.GetValue<string>(),
                Singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
                Namespaced = spec["scope"]!.GetValue<string>() == "Namespaced",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is not null,
                Scale = scale,
                IsCustom = true,
                TracksGeneration = true,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
            });
        }

        return types;
    }

    private static JsonObject Condition(JsonArray? previous, string type, string reason, string message, string now)
    {
        var since = previous?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == "True")?["lastTransitionTime"]?.GetValue<string>();
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = since ?? now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => v!.GetValue<string>())] : [];
}
