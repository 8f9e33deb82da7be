using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Notification;

/// <summary>Which events go to which Provider (notification.toolkit.fluxcd.io/v1beta3); a static object, never reconciled.</summary>
[Description("An Alert selects Flux events by source object, severity and message, and forwards them to a Provider.")]
public sealed record Alert : FluxObject<AlertSpec, AlertStatus>;

/// <summary>The filters an event must pass and the Provider that receives it.</summary>
public sealed record AlertSpec
{
    [Required]
    [Description("The Provider, in the same namespace, that receives the matching events.")]
    [JsonPropertyName("providerRef")]
    public LocalObjectReference ProviderRef { get; init; } = new();

    [AllowedValues(EventSeverities.Info, EventSeverities.Error)]
    [DefaultValue(EventSeverities.Info)]
    [Description("Lowest severity forwarded: 'info' forwards every event, 'error' only errors.")]
    [JsonPropertyName("eventSeverity")]
    public string? EventSeverity { get; init; }

    [Required]
    [Description("The objects whose events are forwarded, by kind, name or '*', namespace and labels.")]
    [JsonPropertyName("eventSources")]
    public IReadOnlyList<NotificationObjectReference> EventSources { get; init; } = [];

    [Description("Go regular expressions; when set, only events whose message matches one are forwarded.")]
    [JsonPropertyName("inclusionList")]
    public IReadOnlyList<string>? InclusionList { get; init; }

    [Description("Extra metadata added to every forwarded event; keys already set by the emitter are kept as they are.")]
    [JsonPropertyName("eventMetadata")]
    public IReadOnlyDictionary<string, string>? EventMetadata { get; init; }

    [Description("Go regular expressions; events whose message matches one are dropped, even if also included.")]
    [JsonPropertyName("exclusionList")]
    public IReadOnlyList<string>? ExclusionList { get; init; }

    [MaxLength(255)]
    [Description("Deprecated: a short note on impact and cluster, sent as event metadata; use eventMetadata instead.")]
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    [Description("When true, no events are forwarded by this Alert.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>
/// Flux's v1beta3 Alert has no status: it is a static object that nothing reconciles.
/// This empty record only fills the status slot of <see cref="FluxObject{TSpec,TStatus}"/> and stays absent.
/// </summary>
public sealed record AlertStatus;
