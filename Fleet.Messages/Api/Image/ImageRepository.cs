using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Image;

/// <summary>A container image repository whose tags are scanned (image.toolkit.fluxcd.io/v1, also served as v1beta2).</summary>
[Description("An ImageRepository scans a container registry repository at an interval and keeps the list of its tags.")]
public sealed record ImageRepository : FluxObject<ImageRepositorySpec, ImageRepositoryStatus>;

/// <summary>Which repository to scan, how often, and with which credentials.</summary>
public sealed record ImageRepositorySpec
{
    [Required]
    [Description("The image repository to scan, e.g. 'ghcr.io/org/app'.")]
    [JsonPropertyName("image")]
    public string Image { get; init; } = "";

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("Time between two scans of the repository.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [Description("Time limit for one scan; the interval when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Secret of type docker-registry with credentials for the registry.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Secret with the proxy 'address' and optional 'username' and 'password' for reaching the registry.")]
    [JsonPropertyName("proxySecretRef")]
    public LocalObjectReference? ProxySecretRef { get; init; }

    [MaxLength(253)]
    [Description("ServiceAccount whose image pull secrets authenticate the scan.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Secret with TLS material: 'ca.crt' to trust the registry, 'tls.crt' and 'tls.key' for a client certificate.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }

    [Description("When true, no new scans start until resumed.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Description("Namespaces, selected by label, whose ImagePolicies may refer to this repository.")]
    [JsonPropertyName("accessFrom")]
    public AccessFrom? AccessFrom { get; init; }

    [MaxLength(25)]
    [DefaultValue(new[] { "^.*\\.sig$" })]
    [Description("Regular expressions of tags not to keep; signature tags ('^.*\\.sig$') when absent.")]
    [JsonPropertyName("exclusionList")]
    public IReadOnlyList<string>? ExclusionList { get; init; }

    [AllowedValues("generic", "aws", "azure", "gcp")]
    [DefaultValue(ImageDefaults.RegistryProvider)]
    [Description("Cloud provider whose workload identity authenticates to the registry, or 'generic' for none.")]
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [Description("Allows a registry served over plain HTTP.")]
    [JsonPropertyName("insecure")]
    public bool? Insecure { get; init; }
}

/// <summary>A summary of the last scan.</summary>
public sealed record ImageRepositoryScanResult
{
    [Description("A stable hash of the tags found, which changes only when the tags do.")]
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    [Required]
    [Description("How many tags the scan kept.")]
    [JsonPropertyName("tagCount")]
    public int TagCount { get; init; }

    [Description("When the scan ran.")]
    [JsonPropertyName("scanTime")]
    public DateTime? ScanTime { get; init; }

    [Description("A sample of the tags: the first ten in descending alphabetical order.")]
    [JsonPropertyName("latestTags")]
    public IReadOnlyList<string>? LatestTags { get; init; }
}

/// <summary>What the last scan of an ImageRepository found.</summary>
public sealed record ImageRepositoryStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("The generation of the spec that the status describes.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Ready, Reconciling and Stalled conditions of the ImageRepository.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("The image name with registry and path made explicit, e.g. 'docker.io/library/alpine' for 'alpine'.")]
    [JsonPropertyName("canonicalImageName")]
    public string? CanonicalImageName { get; init; }

    [Description("The outcome of the last successful scan.")]
    [JsonPropertyName("lastScanResult")]
    public ImageRepositoryScanResult? LastScanResult { get; init; }

    [Description("The exclusion list the last scan applied.")]
    [JsonPropertyName("observedExclusionList")]
    public IReadOnlyList<string>? ObservedExclusionList { get; init; }

    [Description("The last reconcile request annotation value that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
