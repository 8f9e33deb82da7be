using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Grafana's annotations API (Graphite form): the object as text, the controller and metadata as tags; bearer token or basic auth.</summary>
public sealed class GrafanaNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var involved = @event.InvolvedObject;
        var tags = new List<string> { "flux", @event.ReportingController };
        tags.AddRange(ProviderText.Metadata(@event).Select(m => $"{m.Key.Replace(':', '|')}: {m.Value.Replace(':', '|')}"));
        tags.AddRange([$"kind: {involved.Kind}", $"name: {involved.Name}", $"namespace: {involved.Namespace}"]);
        var payload = new JsonObject
        {
            ["when"] = @event.Timestamp.ToUnixTimeSeconds(),
            ["text"] = ProviderText.ObjectName(@event),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
        };
        var headers = provider.Token is { Length: > 0 } token
            ? [ProviderText.Bearer(token)]
            : provider is { Username.Length: > 0, Password.Length: > 0 }
                ? [ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(provider.Username, provider.Password))]
                : Array.Empty<KeyValuePair<string, string>>();
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), headers)];
    }
}
