using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>One expression of a label selector.</summary>
public sealed record LabelSelectorRequirement
{
    [Required]
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    [Required]
    [AllowedValues("In", "NotIn", "Exists", "DoesNotExist")]
    [JsonPropertyName("operator")]
    public string Operator { get; init; } = "";

    [JsonPropertyName("values")]
    public IReadOnlyList<string>? Values { get; init; }
}
