using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Selects namespaces by their labels; an empty selector matches every namespace.</summary>
public sealed record NamespaceSelector
{
    [Description("Labels a namespace must all carry to be selected.")]
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
}
