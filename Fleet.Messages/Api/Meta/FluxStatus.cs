using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>The status fields every Flux kind shares.</summary>
public interface IFluxStatus
{
    [JsonPropertyName("observedGeneration")]
    long? ObservedGeneration { get; }

    [JsonPropertyName("conditions")]
    IReadOnlyList<Condition>? Conditions { get; }

    [JsonPropertyName("lastHandledReconcileAt")]
    string? LastHandledReconcileAt { get; }
}
