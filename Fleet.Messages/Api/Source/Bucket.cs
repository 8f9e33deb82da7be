using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Source;

/// <summary>An object storage bucket (S3 API, AWS, GCS or Azure Blob) to download and publish as an artifact (source.toolkit.fluxcd.io/v1).</summary>
[Description("Bucket downloads the objects of a storage bucket and publishes them as an artifact.")]
public sealed record Bucket : FluxObject<BucketSpec, BucketStatus>;

/// <summary>Which bucket, where, with which credentials, and how often.</summary>
public sealed record BucketSpec
{
    [AllowedValues("generic", "aws", "gcp", "azure")]
    [DefaultValue("generic")]
    [Description("Storage service of the bucket; generic means any S3-compatible API.")]
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [Required]
    [Description("Name of the bucket.")]
    [JsonPropertyName("bucketName")]
    public string BucketName { get; init; } = "";

    [Required]
    [Description("Address of the storage service that holds the bucket.")]
    [JsonPropertyName("endpoint")]
    public string Endpoint { get; init; } = "";

    [Description("Security token service to get temporary credentials from; only for the aws and generic providers.")]
    [JsonPropertyName("sts")]
    public BucketSts? Sts { get; init; }

    [Description("Whether plain HTTP is allowed to the endpoint.")]
    [JsonPropertyName("insecure")]
    public bool? Insecure { get; init; }

    [Description("Region of the endpoint that holds the bucket.")]
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [Description("Key prefix used to filter the bucket's objects on the server.")]
    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    [Description("Secret with the credentials for the bucket.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Service account whose workload identity is used for the bucket; only for the gcp and aws providers.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Secret with a client certificate and key and/or a CA certificate for TLS connections; generic provider only.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }

    [Description("Secret with the proxy settings used to reach the endpoint.")]
    [JsonPropertyName("proxySecretRef")]
    public LocalObjectReference? ProxySecretRef { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the bucket is checked for changes.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [DefaultValue("60s")]
    [Description("Time limit of the list and download operations.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Exclusion patterns in .sourceignore format that replace the default ones.")]
    [JsonPropertyName("ignore")]
    public string? Ignore { get; init; }

    [Description("Whether reconciliation of this bucket is paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>A security token service that hands out temporary bucket credentials.</summary>
public sealed record BucketSts
{
    [Required]
    [AllowedValues("aws", "ldap")]
    [Description("Kind of token service.")]
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [Required]
    [RegularExpression("^(http|https)://.*$")]
    [Description("HTTP(S) address of the token service.")]
    [JsonPropertyName("endpoint")]
    public string Endpoint { get; init; } = "";

    [Description("Secret with the username and password for the token service; ldap only.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Secret with a client certificate and key and/or a CA certificate for the token service; ldap only.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }
}

/// <summary>What the last reconcile of a Bucket produced and observed.</summary>
public sealed record BucketStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Current state of the bucket as Ready, Reconciling, Stalled and source conditions.")]
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

    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
