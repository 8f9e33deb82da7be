using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Values taken from a key of a Secret or ConfigMap (HelmRelease valuesFrom).</summary>
public sealed record ValuesReference
{
    [Required]
    [AllowedValues("Secret", "ConfigMap")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Length(1, 253)]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [MaxLength(253)]
    [RegularExpression("^[\\-._a-zA-Z0-9]+$")]
    [JsonPropertyName("valuesKey")]
    public string? ValuesKey { get; init; }

    [MaxLength(250)]
    [RegularExpression("^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$")]
    [JsonPropertyName("targetPath")]
    public string? TargetPath { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }

    [JsonPropertyName("literal")]
    public bool? Literal { get; init; }
}
