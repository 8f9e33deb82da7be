using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Commands.Get;

/// <summary>One line of <c>fleet get</c>: what <c>flux get</c> shows of an object.</summary>
public sealed record FluxObjectRow(string Kind, string Namespace, string Name, string Revision, string Suspended, string Ready, string Message)
{
    /// <summary>Reads an object as the API returned it, with <c>flux get</c>'s rules for the revision and readiness of each kind.</summary>
    public static FluxObjectRow From(FluxKind kind, JsonObject obj)
    {
        var (ready, message) = ReadyAndMessage(kind, obj);
        var revision = RevisionOf(kind, obj);
        // Flux shortens commit ids and digests in revisions and messages, except a chart's revision, which is a version.
        if (kind != FluxKinds.HelmChart)
        {
            revision = HexTruncation.Truncate(revision);
        }
        if (kind != FluxKinds.HelmRelease)
        {
            message = HexTruncation.Truncate(message);
        }
        return new FluxObjectRow(
            kind.Kind,
            Text(obj["metadata"]?["namespace"]),
            Text(obj["metadata"]?["name"]),
            revision,
            obj["spec"]?["suspend"] is JsonValue suspend && suspend.TryGetValue<bool>(out var suspended) && suspended ? "True" : "False",
            ready,
            message);
    }

    private static string RevisionOf(FluxKind kind, JsonObject obj)
    {
        var status = obj["status"];
        if (kind == FluxKinds.Kustomization)
        {
            return Text(status?["lastAppliedRevision"]);
        }
        if (kind == FluxKinds.HelmRelease)
        {
            // The latest release in the history names the chart version; before the first release, the attempted one.
            return status?["history"] is JsonArray { Count: > 0 } history
                ? Text(history[0]?["chartVersion"])
                : Text(status?["lastAttemptedRevision"]);
        }
        return Text(status?["artifact"]?["revision"]);
    }

    private static (string Ready, string Message) ReadyAndMessage(FluxKind kind, JsonObject obj)
    {
        // An OCI HelmRepository is only a pointer: Flux never reconciles it and reports it Ready.
        if (kind == FluxKinds.HelmRepository && Text(obj["spec"]?["type"]) == "oci")
        {
            return ("True", "Helm repository is Ready");
        }
        return ObjectConditions.Find(obj, ConditionTypes.Ready) is { } ready
            ? (ready.Status, ready.Message)
            : ("False", "waiting to be reconciled");
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
