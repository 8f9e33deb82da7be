using System.Text.Json.Serialization;

namespace Fleet.Actors.Oci;

/// <summary>The platform an index entry is built for.</summary>
public sealed record OciPlatform
{
    [JsonPropertyName("architecture")]
    public string Architecture { get; init; } = "";

    [JsonPropertyName("os")]
    public string Os { get; init; } = "";
}
