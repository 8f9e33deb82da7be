using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>An access control list naming the namespaces allowed to reference a source across namespaces (Flux's acl.AccessFrom).</summary>
public sealed record AccessFrom
{
    [Required]
    [Description("Namespace selectors of which any one match grants access.")]
    [JsonPropertyName("namespaceSelectors")]
    public IReadOnlyList<NamespaceSelector> NamespaceSelectors { get; init; } = [];
}
