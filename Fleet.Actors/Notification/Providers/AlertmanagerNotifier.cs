using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>
/// Prometheus Alertmanager's <c>/api/v2/alerts</c> shape: one firing alert labelled with the metadata and the object, the
/// message (and summary) as annotations, starting at the event's time.
/// </summary>
public sealed class AlertmanagerNotifier : INotifier
{
    public IReadOnlyList<ProviderRequest> Requests(FluxEvent @event, ProviderSettings provider)
    {
        var involved = @event.InvolvedObject;
        var annotations = new JsonObject { ["message"] = @event.Message };
        var labels = ProviderText.Metadata(@event).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
        if (labels.Remove(EventMetadata.SummaryKey, out var summary))
        {
            annotations["summary"] = summary;
        }
        labels["alertname"] = "Flux" + involved.Kind + Title(@event.Reason);
        labels["severity"] = @event.Severity;
        labels["reason"] = @event.Reason;
        labels["kind"] = involved.Kind;
        labels["name"] = involved.Name;
        labels["namespace"] = involved.Namespace;
        labels["reportingcontroller"] = @event.ReportingController;
        var labelNode = new JsonObject();
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            labelNode[key] = value;
        }
        var payload = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = labelNode,
            ["annotations"] = annotations,
            ["startsAt"] = ProviderText.Rfc3339(@event.Timestamp),
        });
        var headers = new List<KeyValuePair<string, string>>();
        if (provider.Token is { Length: > 0 } token)
        {
            headers.Add(ProviderText.Bearer(token));
        }
        if (provider is { Username.Length: > 0, Password.Length: > 0 })
        {
            headers.Add(ProviderText.Header("Authorization", "Basic " + ProviderText.Basic(provider.Username, provider.Password)));
        }
        return [ProviderRequest.Post(provider.Address, ProviderText.Json(payload), headers)];
    }

    /// <summary>Go's <c>cases.Title</c> of a reason: the first letter up, the rest down (<c>ReconciliationFailed</c> → <c>Reconciliationfailed</c>).</summary>
    private static string Title(string reason) =>
        reason.Length == 0 ? reason : char.ToUpper(reason[0], CultureInfo.InvariantCulture) + reason[1..].ToLowerInvariant();
}
