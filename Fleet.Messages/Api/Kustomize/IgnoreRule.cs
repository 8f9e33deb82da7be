using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>Fields to leave out of drift detection and apply, optionally only for some objects.</summary>
public sealed record IgnoreRule
{
    [Required]
    [Description("JSON pointers (RFC 6901) of the fields to ignore.")]
    [JsonPropertyName("paths")]
    public IReadOnlyList<string> Paths { get; init; } = [];

    [Description("Objects the rule applies to; without it the rule applies to every object.")]
    [JsonPropertyName("target")]
    public Selector? Target { get; init; }
}
