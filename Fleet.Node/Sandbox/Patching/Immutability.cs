using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Patching;

/// <summary>The API server's immutable-field validation on update.</summary>
public static class Immutability
{
    private const string Immutable = "field is immutable";
    private const string ImmutableWhenSet = "Forbidden: field is immutable when `immutable` is set";

    private static readonly HashSet<string> MutableStatefulSetFields = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    /// <summary>
    /// Returns null when the update is allowed, otherwise the 422 message, e.g.
    /// <c>Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable</c>.
    /// </summary>
    public static string? Check(string group, string kind, JsonObject? old, JsonObject @new)
    {
        if (old is null)
        {
            return null;
        }

        var errors = new List<string>();
        var oldSpec = old["spec"] as JsonObject;
        var newSpec = @new["spec"] as JsonObject;
        switch (group, kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet"):
                Selector(oldSpec, newSpec, errors);
                break;
            case ("apps", "StatefulSet"):
                Selector(oldSpec, newSpec, errors);
                if (errors.Count == 0 && !SameExcept(oldSpec, newSpec, MutableStatefulSetFields))
                {
                    errors.Add("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
                }

                break;
            case ("batch", "Job"):
                Selector(oldSpec, newSpec, errors);
                if (!JsonNode.DeepEquals(oldSpec?["template"], newSpec?["template"]))
                {
                    errors.Add($"spec.template: Invalid value: {Json(newSpec?["template"])}: {Immutable}");
                }

                break;
            case ("", "Service"):
                var oldIp = Text(oldSpec?["clusterIP"]);
                var newIp = Text(newSpec?["clusterIP"]);
                if (!string.IsNullOrEmpty(oldIp) && !string.IsNullOrEmpty(newIp) && oldIp != newIp && Text(newSpec?["type"]) != "ExternalName")
                {
                    errors.Add($"spec.clusterIPs[0]: Invalid value: []string{{\"{newIp}\"}}: may not change once set");
                }

                break;
            case ("", "ConfigMap" or "Secret"):
                ImmutableData(kind, old, @new, errors);
                break;
            case ("", "PersistentVolumeClaim"):
                if (!SameExcept(oldSpec, newSpec, ["resources", "volumeAttributesClassName"])
                    || !JsonNode.DeepEquals(oldSpec?["resources"]?["limits"], newSpec?["resources"]?["limits"]))
                {
                    errors.Add("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
                }

                break;
        }

        if (errors.Count == 0)
        {
            return null;
        }

        var name = Text(@new["metadata"]?["name"]) ?? Text(old["metadata"]?["name"]) ?? string.Empty;
        var qualified = group.Length == 0 ? kind : kind + "." + group;
        var body = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        return $"{qualified} \"{name}\" is invalid: {body}";
    }

    private static void Selector(JsonObject? oldSpec, JsonObject? newSpec, List<string> errors)
    {
        var oldSelector = oldSpec?["selector"];
        var newSelector = newSpec?["selector"];
        if (!JsonNode.DeepEquals(oldSelector, newSelector))
        {
            errors.Add($"spec.selector: Invalid value: {GoSelector(newSelector)}: {Immutable}");
        }
    }

    private static void ImmutableData(string kind, JsonObject old, JsonObject @new, List<string> errors)
    {
        if (kind == "Secret" && Text(old["type"]) is { } oldType && Text(@new["type"]) is { } newType && oldType != newType)
        {
            errors.Add($"type: Invalid value: \"{newType}\": {Immutable}");
        }

        if (old["immutable"] is not JsonValue flag || !flag.TryGetValue<bool>(out var immutable) || !immutable)
        {
            return;
        }

        if (@new["immutable"] is not JsonValue newFlag || !newFlag.TryGetValue<bool>(out var stillImmutable) || !stillImmutable)
        {
            errors.Add("immutable: " + ImmutableWhenSet);
        }

        if (!JsonNode.DeepEquals(old["data"], @new["data"]))
        {
            errors.Add("data: " + ImmutableWhenSet);
        }

        if (kind == "ConfigMap" && !JsonNode.DeepEquals(old["binaryData"], @new["binaryData"]))
        {
            errors.Add("binaryData: " + ImmutableWhenSet);
        }
    }

    private static bool SameExcept(JsonObject? oldSpec, JsonObject? newSpec, IReadOnlyCollection<string> mutable)
    {
        var keys = (oldSpec?.Select(p => p.Key) ?? []).Union(newSpec?.Select(p => p.Key) ?? []).Where(k => !mutable.Contains(k));
        return keys.All(k => JsonNode.DeepEquals(oldSpec?[k], newSpec?[k]));
    }

    /// <summary>A label selector as Go's <c>%#v</c> prints it, which is how the API server reports it.</summary>
    internal static string GoSelector(JsonNode? selector)
    {
        if (selector is not JsonObject obj)
        {
            return "(*v1.LabelSelector)(nil)";
        }

        var labels = obj["matchLabels"] is JsonObject matchLabels && matchLabels.Count > 0
            ? "map[string]string{" + string.Join(", ", matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => GoString(p.Key) + ":" + GoString(Text(p.Value) ?? string.Empty))) + "}"
            : "map[string]string(nil)";
        var expressions = obj["matchExpressions"] is JsonArray { Count: > 0 } list
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", list.OfType<JsonObject>().Select(GoRequirement)) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return $"v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{expressions}}}";
    }

    private static string GoRequirement(JsonObject requirement)
    {
        var values = requirement["values"] is JsonArray { Count: > 0 } list
            ? "[]string{" + string.Join(", ", list.Select(v => GoString(Text(v) ?? string.Empty))) + "}"
            : "[]string(nil)";
        return $"v1.LabelSelectorRequirement{{Key:{GoString(Text(requirement["key"]) ?? string.Empty)}, Operator:{GoString(Text(requirement["operator"]) ?? string.Empty)}, Values:{values}}}";
    }

    private static string GoString(string text) => System.Text.Json.JsonSerializer.Serialize(text, FieldWalker.KeyJson);

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
