using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Notification;

/// <summary>
/// An event in Flux's wire shape (fluxcd/pkg <c>apis/event/v1beta1</c>): what Flux's controllers POST to
/// notification-controller and what the generic providers forward as it is.
/// </summary>
public sealed record FluxEvent
{
    [JsonPropertyName("involvedObject")]
    public FluxEventObject InvolvedObject { get; init; } = new();

    /// <summary><c>info</c> or <c>error</c> (<see cref="EventSeverities"/>); <c>trace</c> events are never forwarded.</summary>
    [JsonPropertyName("severity")]
    public string Severity { get; init; } = EventSeverities.Info;

    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(Rfc3339SecondsConverter))]
    public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "";

    /// <summary>Keys under the involved object's API group (<c>kustomize.toolkit.fluxcd.io/revision</c>) and <c>event.toolkit.fluxcd.io/</c>.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("reportingController")]
    public string ReportingController { get; init; } = "";

    [JsonPropertyName("reportingInstance")]
    public string? ReportingInstance { get; init; }
}
