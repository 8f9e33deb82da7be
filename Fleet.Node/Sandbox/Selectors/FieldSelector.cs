using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Selectors;

/// <summary>A parsed <c>fieldSelector</c>: comma-separated <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c> terms over the fields the real server supports for the kind; others are 400.</summary>
public sealed class FieldSelector
{
    private static readonly string[] CommonFields = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> KindFields = new(StringComparer.Ordinal)
    {
        ["Pod"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
        ["Event"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["ReplicaSet"] = ["status.replicas"],
        ["Job"] = ["status.successful"],
    };

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value a <c>metadata.name=x</c> term pins, if any (lets a watch or list skip other names cheaply).</summary>
    public string? PinnedName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    /// <summary>Parses a selector for objects of <paramref name="kind"/>; extra fields are the CRD's selectableFields.</summary>
    public static FieldSelector Parse(string? text, string kind, IEnumerable<string>? extraFields = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var supported = new HashSet<string>(CommonFields, StringComparer.Ordinal);
        if (KindFields.TryGetValue(kind, out var fields))
        {
            supported.UnionWith(fields);
        }

        if (extraFields is not null)
        {
            supported.UnionWith(extraFields);
        }

        var terms = new List<(string, bool, string)>();
        foreach (var part in text.Split(','))
        {
            var (field, equal, value) = Split(part.Trim());
            if (!supported.Contains(field))
            {
                throw ApiStatus.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = Read(obj, field);
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static (string Field, bool Equal, string Value) Split(string term)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim(), equal, term[(at + op.Length)..].Trim());
            }
        }

        throw ApiStatus.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static string Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => node.ToJsonString(),
        };
    }
}
