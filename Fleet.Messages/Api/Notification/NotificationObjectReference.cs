using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Notification;

/// <summary>
/// An Alert's event source: Flux objects of one kind, by name or <c>*</c>, optionally in another
/// namespace and narrowed by labels (notification's CrossNamespaceObjectReference).
/// </summary>
public sealed record NotificationObjectReference
{
    [Description("API version of the referenced objects.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues(
        "Bucket", "GitRepository", "Kustomization", "HelmRelease", "HelmChart", "HelmRepository", "ImageRepository",
        "ImagePolicy", "ImageUpdateAutomation", "OCIRepository", "ArtifactGenerator", "ExternalArtifact")]
    [Description("Kind of the referenced objects.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [Description("Name of the referenced object, or '*' for every object of the kind in the namespace.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [MinLength(1)]
    [MaxLength(253)]
    [Description("Namespace of the referenced objects; the referring object's own namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [Description("Labels the referenced objects must all carry; only meaningful when the name is '*'.")]
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
}
