using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>The objects a Kustomization or HelmRelease applied, in Flux's inventory format.</summary>
public sealed record ResourceInventory
{
    [JsonPropertyName("entries")]
    public IReadOnlyList<ResourceRef> Entries { get; init; } = [];
}
