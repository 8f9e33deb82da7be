using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;

namespace Fleet.Node.Commands.Get;

/// <summary>
/// <c>flux get</c>'s columns of the kinds without a revision column: alerts, providers, receivers and the image kinds.
/// Alerts and Providers have no status and are always "Ready", as flux prints them.
/// </summary>
public static class SummaryColumns
{
    public static IReadOnlyList<string> Headers(FluxKind kind) =>
        kind == FluxKinds.Provider ? ["Name", "Ready", "Message"]
            : kind == FluxKinds.ImageRepository ? ["Name", "Last scan", "Suspended", "Ready", "Message"]
            : kind == FluxKinds.ImagePolicy ? ["Name", "Image", "Tag", "Ready", "Message"]
            : kind == FluxKinds.ImageUpdateAutomation ? ["Name", "Last run", "Suspended", "Ready", "Message"]
            : ["Name", "Suspended", "Ready", "Message"];

    /// <summary>The cells after the name, in <see cref="Headers"/>' order.</summary>
    public static IReadOnlyList<string> Cells(FluxKind kind, JsonObject obj)
    {
        var suspended = FluxObjectRow.From(FluxKinds.Kustomization, obj).Suspended;
        if (kind == FluxKinds.Alert)
        {
            return [suspended, "True", "Alert is Ready"];
        }
        if (kind == FluxKinds.Provider)
        {
            return ["True", "Provider is Ready"];
        }
        var (ready, message) = ObjectConditions.Find(obj, ConditionTypes.Ready) is { } condition ? (condition.Status, condition.Message) : ("False", "waiting to be reconciled");
        var status = obj["status"];
        if (kind == FluxKinds.ImageRepository)
        {
            return [Text(status?["lastScanResult"]?["scanTime"]), suspended, ready, message];
        }
        if (kind == FluxKinds.ImagePolicy)
        {
            return [Text(status?["latestRef"]?["name"]), Text(status?["latestRef"]?["tag"]), ready, message];
        }
        if (kind == FluxKinds.ImageUpdateAutomation)
        {
            return [Text(status?["lastAutomationRunTime"]), suspended, ready, message];
        }
        return [suspended, ready, message];
    }

    /// <summary>Whether the kind uses these columns instead of <see cref="FluxObjectRow"/>'s.</summary>
    public static bool Applies(FluxKind kind) =>
        kind.Group is FluxGroups.Notification or FluxGroups.Image;

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
