using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply;

/// <summary>
/// One Kubernetes object by group, version, kind, namespace and name: what the apply engine, prune, health
/// checks and the inventory speak of. Cluster-scoped objects have an empty namespace; the core group is empty.
/// </summary>
public sealed record ObjectRef(string Group, string Version, string Kind, string Namespace, string Name)
{
    /// <summary>`Kind/namespace/name`, or `Kind/name` when cluster-scoped, as Flux names objects in change sets and messages.</summary>
    public string Subject => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary>`group/version`, or `version` for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Reads apiVersion, kind, metadata.namespace and metadata.name of a manifest.</summary>
    public static ObjectRef Of(JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>() ?? "";
        var slash = apiVersion.LastIndexOf('/');
        var metadata = manifest["metadata"] as JsonObject;
        return new ObjectRef(
            slash < 0 ? "" : apiVersion[..slash],
            slash < 0 ? apiVersion : apiVersion[(slash + 1)..],
            manifest["kind"]?.GetValue<string>() ?? "",
            metadata?["namespace"]?.GetValue<string>() ?? "",
            metadata?["name"]?.GetValue<string>() ?? "");
    }

    public override string ToString() => Subject;
}
