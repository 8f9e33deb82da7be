using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// PagerDuty Events API v2 at the address's host, <c>channel</c> being the routing key: an error triggers an alert deduplicated
/// by the object's uid, anything else resolves it and also records a change event; Progressing is skipped.
/// </summary>
public sealed class PagerDutyNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        if (ProviderText.IsProgressing(@event))
        {
            return [];
        }
        var url = ProviderText.Url(provider.Address);
        var endpoint = $"{url.Scheme}://{url.Authority}";
        var routingKey = provider.Channel ?? "";
        var (name, description) = ProviderText.NameAndDescription(@event);
        var summary = $"{description}: {name}";
        var source = "Flux " + @event.ReportingController;
        var v2 = new JsonObject { ["routing_key"] = routingKey, ["event_action"] = ProviderText.IsError(@event) ? "trigger" : "resolve", ["dedup_key"] = @event.InvolvedObject.Uid ?? "" };
        if (ProviderText.IsError(@event))
        {
            v2["payload"] = new JsonObject
            {
                ["summary"] = summary,
                ["source"] = source,
                ["severity"] = "error",
                ["timestamp"] = ProviderText.Rfc3339(@event.Timestamp),
                ["component"] = @event.InvolvedObject.Name,
                ["group"] = @event.InvolvedObject.Kind,
                ["custom_details"] = Details(@event),
            };
        }
        List<ProviderRequest> requests = [ProviderRequest.Post(endpoint + "/v2/enqueue", ProviderText.Json(v2))];
        if (@event.Severity == EventSeverities.Info)
        {
            var change = new JsonObject
            {
                ["routing_key"] = routingKey,
                ["payload"] = new JsonObject
                {
                    ["summary"] = summary,
                    ["source"] = source,
                    ["timestamp"] = ProviderText.Rfc3339(@event.Timestamp),
                    ["custom_details"] = Details(@event),
                },
            };
            requests.Add(ProviderRequest.Post(endpoint + "/v2/change/enqueue", ProviderText.Json(change)));
        }
        return requests;
    }

    private static JsonObject Details(FluxEvent @event)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in ProviderText.Metadata(@event))
        {
            metadata[key] = value;
        }
        return new JsonObject { ["message"] = @event.Message, ["metadata"] = metadata };
    }
}
