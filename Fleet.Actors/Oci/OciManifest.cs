using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Actors.Oci;

/// <summary>
/// An image manifest (config and layers) or an index (manifests), OCI or Docker v2: the fields of both, since a registry
/// answers a tag with either and the media type says which.
/// </summary>
public sealed record OciManifest
{
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    [JsonPropertyName("mediaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaType { get; init; }

    [JsonPropertyName("artifactType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArtifactType { get; init; }

    [JsonPropertyName("config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OciDescriptor? Config { get; init; }

    [JsonPropertyName("layers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OciDescriptor>? Layers { get; init; }

    [JsonPropertyName("manifests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OciDescriptor>? Manifests { get; init; }

    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public bool IsIndex => OciMediaTypes.IsIndex(MediaType) || (Manifests is not null && Config is null);

    /// <summary>Reads a manifest; the media type of the response wins over a missing or different one in the body.</summary>
    public static OciManifest Parse(ReadOnlySpan<byte> json, string? contentType)
    {
        OciManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<OciManifest>(json);
        }
        catch (JsonException error)
        {
            throw new OciException(OciErrorKind.Invalid, $"the manifest is not valid JSON: {error.Message}");
        }
        if (manifest is null)
        {
            throw new OciException(OciErrorKind.Invalid, "the manifest is empty");
        }
        return contentType is { Length: > 0 } type && OciMediaTypes.Manifests.Contains(type) ? manifest with { MediaType = type } : manifest;
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this);
}
