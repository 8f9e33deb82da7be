using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Actors.Kube.Labels;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Validation;

/// <summary>
/// The common validation rules of the built-in kinds, with the real server's field paths and wording: required
/// fields (container name and image, workload selectors), port ranges, enum values, selectors that match their
/// template's labels, DNS-label container names and valid ConfigMap keys. Any error makes the write a 422 Invalid.
/// </summary>
public static partial class BuiltInRules
{
    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static List<FieldError> Validate(string group, string kind, JsonObject obj)
    {
        var errors = new List<FieldError>();
        var spec = obj["spec"] as JsonObject;
        switch (group, kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet"):
                Workload(kind, spec, errors, restartAlways: true);
                break;
            case ("batch", "Job"):
                PodTemplate(spec?["template"] as JsonObject, "spec.template", errors, restartAlways: false);
                break;
            case ("batch", "CronJob"):
                Required(spec?["schedule"], "spec.schedule", errors);
                PodTemplate(spec?["jobTemplate"]?["spec"]?["template"] as JsonObject, "spec.jobTemplate.spec.template", errors, restartAlways: false);
                break;
            case ("", "Pod"):
                PodSpec(spec, "spec", errors, restartAlways: false);
                break;
            case ("", "Service"):
                Service(spec, errors);
                break;
            case ("", "ConfigMap"):
                foreach (var field in new[] { "data", "binaryData" })
                {
                    foreach (var key in (obj[field] as JsonObject)?.Select(p => p.Key) ?? [])
                    {
                        if (key.Length > 253 || !ConfigKey().IsMatch(key))
                        {
                            errors.Add(Invalid($"{field}[{key}]", Quote(key), "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
                        }
                    }
                }

                break;
        }

        return errors;
    }

    private static void Workload(string kind, JsonObject? spec, List<FieldError> errors, bool restartAlways)
    {
        if (JsonNumber.AsLong(spec?["replicas"]) is < 0 and var replicas)
        {
            errors.Add(Invalid("spec.replicas", replicas.ToString()!, "must be greater than or equal to 0"));
        }

        var template = spec?["template"] as JsonObject;
        if (spec?["selector"] is not JsonObject selector)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.selector", "Required value"));
        }
        else if (selector["matchLabels"] is not JsonObject { Count: > 0 } && selector["matchExpressions"] is not JsonArray { Count: > 0 })
        {
            errors.Add(Invalid("spec.selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", $"empty selector is invalid for {kind.ToLowerInvariant()}"));
        }
        else if (Matcher(selector) is { } matcher && template is not null)
        {
            var labels = LabelMatcher.Labels(template);
            if (!matcher.Matches(labels))
            {
                errors.Add(Invalid("spec.template.metadata.labels", GoMap(labels), "`selector` does not match template `labels`"));
            }
        }

        PodTemplate(template, "spec.template", errors, restartAlways);
    }

    private static void PodTemplate(JsonObject? template, string path, List<FieldError> errors, bool restartAlways)
    {
        if (template is null)
        {
            errors.Add(new FieldError("FieldValueRequired", path, "Required value"));
            return;
        }

        PodSpec(template["spec"] as JsonObject, path + ".spec", errors, restartAlways);
    }

    private static void PodSpec(JsonObject? spec, string path, List<FieldError> errors, bool restartAlways)
    {
        var containers = spec?["containers"] as JsonArray;
        if (containers is not { Count: > 0 })
        {
            errors.Add(new FieldError("FieldValueRequired", path + ".containers", "Required value"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, list) in new[] { ("initContainers", spec?["initContainers"] as JsonArray), ("containers", containers) })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i] is JsonObject container)
                {
                    Container(container, $"{path}.{field}[{i}]", names, errors);
                }
            }
        }

        if (Text(spec?["restartPolicy"]) is { } restart)
        {
            string[] allowed = restartAlways ? ["Always"] : ["Always", "OnFailure", "Never"];
            OneOf(restart, $"{path}.restartPolicy", allowed, errors);
        }

        if (Text(spec?["dnsPolicy"]) is { } dns)
        {
            OneOf(dns, $"{path}.dnsPolicy", ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"], errors);
        }
    }

    private static void Container(JsonObject container, string path, HashSet<string> names, List<FieldError> errors)
    {
        var name = Text(container["name"]);
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError("FieldValueRequired", path + ".name", "Required value"));
        }
        else if (!names.Add(name))
        {
            errors.Add(new FieldError("FieldValueDuplicate", path + ".name", $"Duplicate value: {Quote(name)}"));
        }
        else if (name.Length > 63 || !Label().IsMatch(name))
        {
            errors.Add(Invalid(path + ".name", Quote(name), LabelMessage));
        }

        if (string.IsNullOrWhiteSpace(Text(container["image"])))
        {
            errors.Add(new FieldError("FieldValueRequired", path + ".image", "Required value"));
        }

        if (Text(container["imagePullPolicy"]) is { } pull)
        {
            OneOf(pull, path + ".imagePullPolicy", ["Always", "IfNotPresent", "Never"], errors);
        }

        var ports = container["ports"] as JsonArray ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i] as JsonObject;
            var portPath = $"{path}.ports[{i}]";
            PortNumber(port?["containerPort"], portPath + ".containerPort", required: true, errors);
            PortNumber(port?["hostPort"], portPath + ".hostPort", required: false, errors);
            Protocol(port?["protocol"], portPath + ".protocol", errors);
        }
    }

    private static void Service(JsonObject? spec, List<FieldError> errors)
    {
        var type = Text(spec?["type"]) ?? "ClusterIP";
        OneOf(type, "spec.type", ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"], errors);
        var ports = spec?["ports"] as JsonArray ?? [];
        if (ports.Count == 0 && type != "ExternalName" && Text(spec?["clusterIP"]) != "None")
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.ports", "Required value"));
        }

        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i] as JsonObject;
            PortNumber(port?["port"], $"spec.ports[{i}].port", required: true, errors);
            Protocol(port?["protocol"], $"spec.ports[{i}].protocol", errors);
            if (port?["targetPort"] is JsonValue target && target.GetValueKind() == JsonValueKind.Number)
            {
                PortNumber(target, $"spec.ports[{i}].targetPort", required: false, errors);
            }
        }
    }

    private static void PortNumber(JsonNode? node, string path, bool required, List<FieldError> errors)
    {
        var port = JsonNumber.AsLong(node);
        if (port is null)
        {
            if (required)
            {
                errors.Add(new FieldError("FieldValueRequired", path, "Required value"));
            }

            return;
        }

        if (port is < 1 or > 65535 && !(port == 0 && !required))
        {
            errors.Add(Invalid(path, port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
        }
    }

    private static void Protocol(JsonNode? node, string path, List<FieldError> errors)
    {
        if (Text(node) is { } protocol)
        {
            OneOf(protocol, path, ["SCTP", "TCP", "UDP"], errors);
        }
    }

    private static void Required(JsonNode? node, string path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(Text(node)))
        {
            errors.Add(new FieldError("FieldValueRequired", path, "Required value"));
        }
    }

    private static void OneOf(string value, string path, string[] allowed, List<FieldError> errors)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("FieldValueNotSupported", path, $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", allowed.Select(Quote))}"));
        }
    }

    private static LabelMatcher? Matcher(JsonObject selector)
    {
        try
        {
            return LabelMatcher.From(selector.Deserialize<LabelSelector>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            return null;
        }
    }

    private static FieldError Invalid(string path, string value, string detail) => new("FieldValueInvalid", path, $"Invalid value: {value}: {detail}");

    /// <summary>Go's <c>%#v</c> of a <c>map[string]string</c>, as the selector error prints the template's labels.</summary>
    private static string GoMap(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "map[string]string(nil)" : "map[string]string{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{Quote(l.Key)}:{Quote(l.Value)}")) + "}";

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
