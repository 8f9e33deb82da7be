using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>CEL expressions that decide the health of custom resources of one kind or API group.</summary>
public sealed record CustomHealthCheck
{
    [Required]
    [Description("API version of the custom resources this check evaluates; only its group is matched.")]
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "";

    [Description("Kind of the custom resources this check evaluates; when empty the whole group is covered.")]
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [Required]
    [Description("CEL expression that is true once the resource has reached its desired state.")]
    [JsonPropertyName("current")]
    public string Current { get; init; } = "";

    [Description("CEL expression that is true while the resource is still progressing.")]
    [JsonPropertyName("inProgress")]
    public string? InProgress { get; init; }

    [Description("CEL expression that is true when the resource has failed to reach its desired state.")]
    [JsonPropertyName("failed")]
    public string? Failed { get; init; }
}
