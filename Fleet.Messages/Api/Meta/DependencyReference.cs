using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>A dependency on another object of the same kind, with an optional CEL readiness expression.</summary>
public sealed record DependencyReference
{
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("readyExpr")]
    public string? ReadyExpr { get; init; }
}
