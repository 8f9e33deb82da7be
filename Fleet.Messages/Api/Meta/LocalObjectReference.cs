using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A reference to an object in the same namespace.</summary>
public sealed record LocalObjectReference
{
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}
