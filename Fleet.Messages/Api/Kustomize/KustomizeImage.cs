using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>An image override: a new name, tag or digest for every container image of the given name.</summary>
public sealed record KustomizeImage
{
    [Required]
    [Description("Image name without tag to look for.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Description("Name that replaces the original image name.")]
    [JsonPropertyName("newName")]
    public string? NewName { get; init; }

    [Description("Tag that replaces the original image tag.")]
    [JsonPropertyName("newTag")]
    public string? NewTag { get; init; }

    [Description("Digest that replaces the original tag; when set the new tag is ignored.")]
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
