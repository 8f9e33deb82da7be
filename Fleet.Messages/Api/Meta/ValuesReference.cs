using System.ComponentModel;
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
    [MaxLength(253)]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [DefaultValue("values.yaml")]
    [MaxLength(253)]
    [RegularExpression("^[\\-._a-zA-Z0-9]+$")]
    [JsonPropertyName("valuesKey")]
    public string? ValuesKey { get; init; }

    [MaxLength(250)]
    [JsonPropertyName("targetPath")]
    public string? TargetPath { get; init; }

    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }

    [JsonPropertyName("literal")]
    public bool? Literal { get; init; }
}
