using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Source;

/// <summary>A Helm chart repository, HTTP(S) index or OCI registry (source.toolkit.fluxcd.io/v1).</summary>
[Description("HelmRepository points at a Helm chart repository whose index is published as an artifact.")]
public sealed record HelmRepository : FluxObject<HelmRepositorySpec, HelmRepositoryStatus>;

/// <summary>Where the repository is, how to reach it and how often to refresh its index.</summary>
public sealed record HelmRepositorySpec
{
    [Required]
    [RegularExpression("^(http|https|oci)://.*$")]
    [Description("Address of the repository, with an http, https or oci scheme.")]
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    [Description("Secret with the username and password used to log in to the repository.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Secret with a client certificate and key and/or a CA certificate for TLS connections.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }

    [Description("Whether credentials are also sent to chart hosts other than the repository host.")]
    [JsonPropertyName("passCredentials")]
    public bool? PassCredentials { get; init; }

    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the repository index is fetched again; ignored for OCI repositories.")]
    [JsonPropertyName("interval")]
    public GoDuration? Interval { get; init; }

    [Description("Whether plain HTTP is allowed to the registry; only used for OCI repositories.")]
    [JsonPropertyName("insecure")]
    public bool? Insecure { get; init; }

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [Description("Time limit of an index fetch or of an OCI operation against the repository.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether reconciliation of this repository is paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Description("Namespaces allowed to reference this repository; reserved by Flux and not enforced.")]
    [JsonPropertyName("accessFrom")]
    public AccessFrom? AccessFrom { get; init; }

    [AllowedValues("default", "oci")]
    [Description("Kind of repository: an HTTP(S) chart index or an OCI registry.")]
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [AllowedValues("generic", "aws", "azure", "gcp")]
    [DefaultValue("generic")]
    [Description("Cloud identity used to log in to an OCI registry.")]
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }
}

/// <summary>What the last reconcile of a HelmRepository produced and observed.</summary>
public sealed record HelmRepositoryStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Current state of the repository as Ready, Reconciling, Stalled and source conditions.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("Download address of the latest index artifact.")]
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [Description("The index artifact of the last successful reconcile.")]
    [JsonPropertyName("artifact")]
    public Artifact? Artifact { get; init; }

    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
