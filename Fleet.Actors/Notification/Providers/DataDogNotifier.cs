using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Datadog's Events API (<c>/api/v1/events</c> at the address's host) with <c>DD-API-KEY</c>; tags in lower case.</summary>
public sealed class DataDogNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var key = ProviderText.RequireToken(provider, "token");
        var url = ProviderText.Url(provider.Address);
        var involved = @event.InvolvedObject;
        string[] fixedTags =
        [
            $"flux_reporting_controller:{@event.ReportingController}", $"flux_reason:{@event.Reason}", $"kube_kind:{involved.Kind}",
            $"kube_name:{involved.Name}", $"kube_namespace:{involved.Namespace}",
        ];
        var tags = fixedTags.Concat(ProviderText.Metadata(@event).Select(m => $"{m.Key}:{m.Value}")).Select(t => (JsonNode)t.ToLowerInvariant());
        var payload = new JsonObject
        {
            ["alert_type"] = ProviderText.IsError(@event) ? "error" : "info",
            ["date_happened"] = @event.Timestamp.ToUnixTimeSeconds(),
            ["source_type_name"] = "fluxcd",
            ["tags"] = new JsonArray([.. tags]),
            ["text"] = @event.Message,
            ["title"] = $"Events from the {involved.Kind} {involved.Name}/{involved.Namespace}",
        };
        return [ProviderRequest.Post($"{url.Scheme}://{url.Authority}/api/v1/events", ProviderText.Json(payload), ProviderText.Header("DD-API-KEY", key), ProviderText.Header("Accept", "application/json"))];
    }
}
