using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Sentry, addressed by its DSN (<c>https://key@host/project</c>), <c>channel</c> being the environment: an error becomes an
/// event with the metadata as context, anything else a transaction tagged with the object.
/// </summary>
public sealed class SentryNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        if (!Uri.TryCreate(provider.Address, UriKind.Absolute, out var dsn) || dsn.UserInfo.Length == 0 || dsn.AbsolutePath.Trim('/').Length == 0)
        {
            throw new ProviderRefusedException("invalid Sentry DSN: expected https://<key>@<host>/<project>");
        }
        var key = dsn.UserInfo.Split(':')[0];
        var project = dsn.AbsolutePath.Trim('/').Split('/')[^1];
        var involved = @event.InvolvedObject;
        var summary = $"{involved.Kind}: {involved.Namespace}/{involved.Name}";
        var metadata = new JsonObject();
        foreach (var (name, value) in ProviderText.Metadata(@event))
        {
            metadata[name] = value;
        }
        var payload = new JsonObject
        {
            ["event_id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = ProviderText.Rfc3339(@event.Timestamp),
            ["platform"] = "other",
            ["environment"] = provider.Channel ?? "",
            ["transaction"] = summary,
            ["message"] = @event.Message,
        };
        if (ProviderText.IsError(@event))
        {
            payload["level"] = "error";
            payload["server_name"] = @event.ReportingController;
            payload["contexts"] = new JsonObject { ["metadata"] = metadata };
        }
        else
        {
            var tags = new JsonObject
            {
                ["flux_involved_object_kind"] = involved.Kind,
                ["flux_involved_object_namespace"] = involved.Namespace,
                ["flux_involved_object_name"] = involved.Name,
                ["flux_reporting_controller"] = @event.ReportingController,
                ["flux_reporting_instance"] = @event.ReportingInstance ?? "",
                ["flux_reason"] = @event.Reason,
            };
            foreach (var (name, value) in ProviderText.Metadata(@event))
            {
                tags[name] = value;
            }
            payload["type"] = "transaction";
            payload["start_timestamp"] = ProviderText.Rfc3339(@event.Timestamp);
            payload["tags"] = tags;
            payload["contexts"] = new JsonObject { ["trace"] = new JsonObject { ["trace_id"] = Guid.NewGuid().ToString("N"), ["span_id"] = Guid.NewGuid().ToString("N")[..16], ["op"] = "event" } };
        }
        var store = $"{dsn.Scheme}://{dsn.Authority}/api/{project}/store/";
        var auth = $"Sentry sentry_version=7, sentry_client=fleet/1.0, sentry_key={key}";
        return [ProviderRequest.Post(store, ProviderText.Json(payload), ProviderText.Header("X-Sentry-Auth", auth))];
    }
}
