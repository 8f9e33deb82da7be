using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>One inventory entry: id <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c> and the object's API version.</summary>
public sealed record ResourceRef
{
    [Required]
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [Required]
    [JsonPropertyName("v")]
    public string Version { get; init; } = "";
}
