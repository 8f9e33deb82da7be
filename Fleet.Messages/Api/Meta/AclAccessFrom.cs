using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>
/// Which namespaces may refer to an object across namespaces, by their labels (Flux's acl.AccessFrom).
/// </summary>
public sealed record AclAccessFrom
{
    [Required]
    [Description("Namespace selectors, any one of which grants access.")]
    [JsonPropertyName("namespaceSelectors")]
    public IReadOnlyList<AclNamespaceSelector> NamespaceSelectors { get; init; } = [];
}
