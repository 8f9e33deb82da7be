using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Fleet.Messages.Api.Meta;

/// <summary>
/// The common shape of every Flux custom resource: type meta, object meta, spec and status.
/// Optional fields are null when absent so that an object round-trips without gaining fields;
/// Flux's defaults are applied by readers (see <see cref="FluxDefaults"/>), never by deserialization.
/// </summary>
public abstract record FluxObject<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    [Description("APIVersion defines the versioned schema of this representation of an object.")]
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [Description("Kind is a string value representing the REST resource this object represents.")]
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; init; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; init; }
}
