using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Where to find the kubeconfig of a remote cluster: a Secret key or a ConfigMap (mutually exclusive).</summary>
public sealed record KubeConfigReference
{
    [JsonPropertyName("secretRef")]
    public SecretKeyReference? SecretRef { get; init; }

    [JsonPropertyName("configMapRef")]
    public LocalObjectReference? ConfigMapRef { get; init; }
}
