using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>An inline strategic-merge or JSON 6902 patch and the objects it targets.</summary>
public sealed record Patch
{
    [Required]
    [Description("The patch document, a strategic-merge patch or a JSON 6902 operation list, as YAML or JSON text.")]
    [JsonPropertyName("patch")]
    public string PatchDocument { get; init; } = "";

    [Description("Objects the patch applies to; without it the patch names its own target.")]
    [JsonPropertyName("target")]
    public Selector? Target { get; init; }
}
