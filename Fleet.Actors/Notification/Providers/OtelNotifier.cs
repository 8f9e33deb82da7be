using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// OpenTelemetry: one span per event, exported over OTLP/HTTP in its JSON encoding to the address (the traces endpoint), with
/// the object and metadata as attributes and an error status on error; bearer token or basic auth, plus the secret's headers.
/// </summary>
public sealed class OtelNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var involved = @event.InvolvedObject;
        var nanos = (@event.Timestamp.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var attributes = new JsonArray();
        foreach (var (key, value) in new[]
        {
            KeyValuePair.Create("flux.involved_object.kind", involved.Kind), KeyValuePair.Create("flux.involved_object.namespace", involved.Namespace),
            KeyValuePair.Create("flux.involved_object.name", involved.Name), KeyValuePair.Create("flux.reason", @event.Reason),
            KeyValuePair.Create("flux.severity", @event.Severity), KeyValuePair.Create("flux.message", @event.Message),
        }.Concat(ProviderText.Metadata(@event).Select(m => KeyValuePair.Create("flux.metadata." + m.Key, m.Value))))
        {
            attributes.Add(new JsonObject { ["key"] = key, ["value"] = new JsonObject { ["stringValue"] = value } });
        }
        var traceId = ProviderText.Sha256Hex(involved.Uid ?? $"{involved.Kind}/{involved.Namespace}/{involved.Name}")[..32];
        var span = new JsonObject
        {
            ["traceId"] = traceId,
            ["spanId"] = ProviderText.Sha256Hex(ProviderText.Json(@event))[..16],
            ["name"] = $"{involved.Kind}/{involved.Namespace}/{involved.Name}",
            ["kind"] = 1,
            ["startTimeUnixNano"] = nanos,
            ["endTimeUnixNano"] = nanos,
            ["attributes"] = attributes,
            ["status"] = new JsonObject { ["code"] = ProviderText.IsError(@event) ? 2 : 1 },
        };
        var payload = new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject
                {
                    ["attributes"] = new JsonArray(new JsonObject { ["key"] = "service.name", ["value"] = new JsonObject { ["stringValue"] = @event.ReportingController } }),
                },
                ["scopeSpans"] = new JsonArray(new JsonObject { ["scope"] = new JsonObject { ["name"] = "fleet" }, ["spans"] = new JsonArray(span) }),
            }),
        };
        var headers = new List<KeyValuePair<string, string>>(provider.Headers);
        var token = provider.Token is { Length: > 0 } t ? t : provider.Password;
        if (provider.Username is { Length: > 0 } user && token is { Length: > 0 })
        {
            headers.Add(ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(user, token)));
        }
        else if (token is { Length: > 0 })
        {
            headers.Add(ProviderText.Bearer(token));
        }
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), headers)];
    }
}
