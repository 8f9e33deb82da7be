using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Notification;

/// <summary>The object an event is about, as a Kubernetes ObjectReference.</summary>
public sealed record FluxEventObject
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [JsonPropertyName("namespace")]
    public string Namespace { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }

    /// <summary>The API group of <see cref="ApiVersion"/> (empty for the core group), which prefixes the controller's metadata keys.</summary>
    [JsonIgnore]
    public string Group => ApiVersion is { } version && version.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? version[..slash] : "";
}
