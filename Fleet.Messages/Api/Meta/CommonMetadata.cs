using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Labels and annotations set on every object a Kustomization or HelmRelease applies, overriding existing keys.</summary>
public sealed record CommonMetadata
{
    [Description("Annotations added to every applied object.")]
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [Description("Labels added to every applied object.")]
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
