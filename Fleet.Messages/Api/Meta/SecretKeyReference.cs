using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A key of a Secret in the same namespace.</summary>
public sealed record SecretKeyReference
{
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("key")]
    public string? Key { get; init; }
}
