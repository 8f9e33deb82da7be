using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>Opsgenie's alert API with a <c>GenieKey</c>; the alias hashes provider, object and reason so repeats update one alert.</summary>
public sealed class OpsgenieNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var key = ProviderText.RequireToken(provider, "Opsgenie apikey/token");
        var involved = @event.InvolvedObject;
        var details = new JsonObject();
        foreach (var (name, value) in ProviderText.Metadata(@event).Where(m => m.Key != "severity").Append(KeyValuePair.Create("severity", @event.Severity)).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            details[name] = value;
        }
        var payload = new JsonObject
        {
            ["message"] = $"{involved.Kind}/{involved.Name}",
            ["alias"] = ProviderText.Sha256Hex($"{provider.Uid}/{involved.Kind}/{involved.Namespace}/{involved.Name}/{@event.Reason}"),
            ["description"] = @event.Message,
            ["details"] = details,
        };
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), ProviderText.Header("Authorization", "GenieKey " + key))];
    }
}
