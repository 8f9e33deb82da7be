using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Namespaces granted access by an <see cref="AclAccessFrom"/>; no labels selects every namespace.</summary>
public sealed record AclNamespaceSelector
{
    [Description("Labels a namespace must all carry to be selected; empty selects every namespace.")]
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
}
