using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Commands.Trace;

/// <summary>
/// <c>flux trace</c>'s report of one object: the object, the Kustomization whose inventory holds it (path, revision,
/// status) and that Kustomization's source (URL, reference, revision, status), in flux's template.
/// </summary>
public static class TraceReport
{
    public static string Render(ObjectRef target, JsonObject kustomization, FluxKind? sourceKind, JsonObject? source)
    {
        var text = new StringBuilder("\n");
        Line(text, "Object", $"{target.Kind}/{target.Name}");
        if (target.Namespace.Length > 0)
        {
            Line(text, "Namespace", target.Namespace);
        }
        Line(text, "Status", "Managed by Flux");
        text.Append("---\n");
        Line(text, "Kustomization", Text(kustomization["metadata"]?["name"]));
        Line(text, "Namespace", Text(kustomization["metadata"]?["namespace"]));
        if (Text(kustomization["spec"]?["targetNamespace"]) is { Length: > 0 } targetNamespace)
        {
            Line(text, "Target", targetNamespace);
        }
        Line(text, "Path", Text(kustomization["spec"]?["path"]));
        Line(text, "Revision", Text(kustomization["status"]?["lastAppliedRevision"]));
        AppendStatus(text, kustomization, failedWording: false);
        if (sourceKind is not null && source is not null)
        {
            text.Append("---\n");
            Line(text, sourceKind.Kind, Text(source["metadata"]?["name"]));
            Line(text, "Namespace", Text(source["metadata"]?["namespace"]));
            Line(text, sourceKind == FluxKinds.Bucket ? "Bucket" : "URL", Text(source["spec"]?[sourceKind == FluxKinds.Bucket ? "bucketName" : "url"]));
            var reference = source["spec"]?["ref"];
            if (Text(reference?["tag"]) is { Length: > 0 } tag)
            {
                Line(text, "Tag", tag);
            }
            else if (Text(reference?["semver"]) is { Length: > 0 } semver)
            {
                Line(text, "Tag", semver);
            }
            else if (Text(reference?["branch"]) is { Length: > 0 } branch)
            {
                Line(text, "Branch", branch);
            }
            if (Text(source["status"]?["artifact"]?["revision"]) is { Length: > 0 } revision)
            {
                Line(text, "Revision", revision);
            }
            AppendStatus(text, source, failedWording: true);
        }
        return text.ToString();
    }

    private static void AppendStatus(StringBuilder text, JsonObject obj, bool failedWording)
    {
        if (ObjectConditions.Find(obj, ConditionTypes.Ready) is not { } ready)
        {
            Line(text, "Status", "Unknown");
            return;
        }
        var at = ready.LastTransitionTime == default ? "" : GoTime(ready.LastTransitionTime);
        Line(text, "Status", failedWording && ready.Status == "False" ? $"Last reconciliation failed at {at}" : $"Last reconciled at {at}");
        Line(text, "Message", ready.Message);
    }

    /// <summary>How Go prints a metav1.Time in a template: <c>2026-01-02 15:04:05 +0000 UTC</c>.</summary>
    private static string GoTime(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss '+0000 UTC'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string label, string value) => text.Append($"{label + ":",-17}{value}\n");

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
