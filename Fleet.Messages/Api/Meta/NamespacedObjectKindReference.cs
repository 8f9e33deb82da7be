using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A reference to an object of any kind, optionally in another namespace.</summary>
public sealed record NamespacedObjectKindReference
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}
