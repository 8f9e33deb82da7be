using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>incident.io's alert events: firing on error, resolved otherwise, deduplicated by the object's uid; Progressing is skipped.</summary>
public sealed class IncidentIoNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var token = ProviderText.RequireToken(provider, "incident.io API token");
        if (ProviderText.IsProgressing(@event))
        {
            return [];
        }
        var metadata = new JsonObject();
        foreach (var (key, value) in ProviderText.Metadata(@event)
            .Append(KeyValuePair.Create("severity", @event.Severity))
            .Append(KeyValuePair.Create("reason", @event.Reason))
            .Concat(@event.ReportingController.Length > 0 ? [KeyValuePair.Create("reportingController", @event.ReportingController)] : []))
        {
            metadata[key] = value;
        }
        var payload = new JsonObject
        {
            ["title"] = $"{ProviderText.ObjectName(@event)}: {@event.Reason}",
            ["status"] = ProviderText.IsError(@event) ? "firing" : "resolved",
            ["deduplication_key"] = @event.InvolvedObject.Uid ?? "",
        };
        if (@event.Message.Length > 0)
        {
            payload["description"] = @event.Message;
        }
        payload["metadata"] = metadata;
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), ProviderText.Bearer(token))];
    }
}
