using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Source;

/// <summary>An OCI artifact in a container registry to pull and publish as an artifact (source.toolkit.fluxcd.io/v1).</summary>
[Description("OCIRepository pulls an OCI artifact from a container registry and publishes its content as an artifact.")]
public sealed record OCIRepository : FluxObject<OCIRepositorySpec, OCIRepositoryStatus>;

/// <summary>Which OCI artifact to pull, how to authenticate and verify it, and how often.</summary>
public sealed record OCIRepositorySpec
{
    [Required]
    [RegularExpression("^oci://.*$")]
    [Description("Repository address in the registry, with the oci scheme.")]
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    [Description("Tag, SemVer range or digest to pull; the latest tag when absent.")]
    [JsonPropertyName("ref")]
    public OCIRepositoryRef? Ref { get; init; }

    [Description("Which layer of the artifact to take and what to do with it; the first layer when absent.")]
    [JsonPropertyName("layerSelector")]
    public OCILayerSelector? LayerSelector { get; init; }

    [AllowedValues("generic", "aws", "azure", "gcp")]
    [DefaultValue("generic")]
    [Description("Cloud identity used to log in to the registry.")]
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [Description("Secret of type dockerconfigjson with the registry credentials.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("How to verify the artifact's signature.")]
    [JsonPropertyName("verify")]
    public OCIRepositoryVerification? Verify { get; init; }

    [Description("Service account whose image pull secrets are used to log in to the registry.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Secret with a client certificate and key and/or a CA certificate for TLS connections.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }

    [Description("Secret with the proxy settings used to reach the registry.")]
    [JsonPropertyName("proxySecretRef")]
    public LocalObjectReference? ProxySecretRef { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the registry is checked for a new artifact.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [DefaultValue("60s")]
    [Description("Time limit of registry operations such as a pull.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Exclusion patterns in .sourceignore format that replace the default ones.")]
    [JsonPropertyName("ignore")]
    public string? Ignore { get; init; }

    [Description("Whether plain HTTP is allowed to the registry.")]
    [JsonPropertyName("insecure")]
    public bool? Insecure { get; init; }

    [Description("Whether reconciliation of this repository is paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>The OCI reference to follow; precedence digest, semver, tag.</summary>
public sealed record OCIRepositoryRef
{
    [Description("Exact digest to pull, such as sha256:...; wins over every other field.")]
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [Description("SemVer range of tags from which the highest is pulled; wins over the tag.")]
    [JsonPropertyName("semver")]
    public string? SemVer { get; init; }

    [Description("Regular expression that tags must match to be considered by the SemVer range.")]
    [JsonPropertyName("semverFilter")]
    public string? SemverFilter { get; init; }

    [Description("Tag to pull, latest by default.")]
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }
}

/// <summary>Which layer of an OCI artifact to take, and whether to extract or copy it.</summary>
public sealed record OCILayerSelector
{
    [Description("Media type of the layer to take; the first layer of that type is used.")]
    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }

    [AllowedValues("extract", "copy")]
    [Description("Whether the layer is unpacked into the artifact or stored as it is.")]
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }
}

/// <summary>How to check the signature of an OCI artifact.</summary>
public sealed record OCIRepositoryVerification
{
    [Required]
    [AllowedValues("cosign", "notation")]
    [DefaultValue("cosign")]
    [Description("Signing technology the artifact's signature was made with.")]
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [Description("Secret holding the trusted public keys or certificates.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Keyless signing identities of which any one must match the signature's certificate.")]
    [JsonPropertyName("matchOIDCIdentity")]
    public IReadOnlyList<OIDCIdentityMatch>? MatchOIDCIdentity { get; init; }

    [Description("Secret with a Sigstore trusted_root.json for verifying against self-hosted Sigstore services.")]
    [JsonPropertyName("trustedRootSecretRef")]
    public LocalObjectReference? TrustedRootSecretRef { get; init; }
}

/// <summary>An accepted keyless signing identity, as regular expressions over the certificate's issuer and subject.</summary>
public sealed record OIDCIdentityMatch
{
    [Required]
    [Description("Regular expression the OIDC issuer of the signing certificate must match.")]
    [JsonPropertyName("issuer")]
    public string Issuer { get; init; } = "";

    [Required]
    [Description("Regular expression the identity subject of the signing certificate must match.")]
    [JsonPropertyName("subject")]
    public string Subject { get; init; } = "";
}

/// <summary>What the last reconcile of an OCIRepository produced and observed.</summary>
public sealed record OCIRepositoryStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Current state of the repository as Ready, Reconciling, Stalled and source conditions.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("Download address of the latest artifact.")]
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [Description("The artifact of the last successful reconcile.")]
    [JsonPropertyName("artifact")]
    public Artifact? Artifact { get; init; }

    [Description("Exclusion patterns the last artifact was built with.")]
    [JsonPropertyName("observedIgnore")]
    public string? ObservedIgnore { get; init; }

    [Description("Layer selector the last artifact was built with.")]
    [JsonPropertyName("observedLayerSelector")]
    public OCILayerSelector? ObservedLayerSelector { get; init; }

    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
