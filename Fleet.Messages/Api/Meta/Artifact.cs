using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>The output of a source: a tarball at a URL, with its revision and digest.</summary>
public sealed record Artifact
{
    [Required]
    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    [Required]
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    [Required]
    [JsonPropertyName("revision")]
    public string Revision { get; init; } = "";

    [RegularExpression("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")]
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [Required]
    [JsonPropertyName("lastUpdateTime")]
    public DateTime LastUpdateTime { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
