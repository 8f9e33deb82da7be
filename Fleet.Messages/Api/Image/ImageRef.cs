using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Image;

/// <summary>An image chosen by an ImagePolicy: repository name, tag and, when reflected, digest.</summary>
public sealed record ImageRef
{
    [Required]
    [Description("The image repository name without tag or digest.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Required]
    [Description("The selected tag.")]
    [JsonPropertyName("tag")]
    public string Tag { get; init; } = "";

    [Description("The digest of the selected tag, present when the policy reflects digests.")]
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }
}
