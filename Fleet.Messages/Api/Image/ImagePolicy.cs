using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Image;

/// <summary>A rule that picks the latest image from an ImageRepository's tags (image.toolkit.fluxcd.io/v1, also served as v1beta2).</summary>
[Description("An ImagePolicy filters and orders the tags of an ImageRepository and records the image that comes first.")]
public sealed record ImagePolicy : FluxObject<ImagePolicySpec, ImagePolicyStatus>;

/// <summary>Which repository to read, how to filter and order its tags, and whether to record digests.</summary>
public sealed record ImagePolicySpec
{
    [Required]
    [Description("The ImageRepository whose tags are considered; another namespace needs that repository's accessFrom consent.")]
    [JsonPropertyName("imageRepositoryRef")]
    public NamespacedObjectReference ImageRepositoryRef { get; init; } = new();

    [Required]
    [Description("How tags are ordered to find the latest; exactly one of semver, alphabetical or numerical.")]
    [JsonPropertyName("policy")]
    public ImagePolicyChoice Policy { get; init; } = new();

    [Description("Keeps only tags matching a pattern, optionally ordering by a value extracted from them; all tags when absent.")]
    [JsonPropertyName("filterTags")]
    public ImagePolicyTagFilter? FilterTags { get; init; }

    [AllowedValues(DigestReflectionPolicies.Always, DigestReflectionPolicies.IfNotPresent, DigestReflectionPolicies.Never)]
    [DefaultValue(DigestReflectionPolicies.Never)]
    [Description("When status.latestRef.digest is filled in: never, once per selected image, or refreshed on every run.")]
    [JsonPropertyName("digestReflectionPolicy")]
    public string? DigestReflectionPolicy { get; init; }

    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the digest is refreshed; allowed, and then 10m when absent, only with digestReflectionPolicy Always.")]
    [JsonPropertyName("interval")]
    public GoDuration? Interval { get; init; }

    [Description("When true, the policy is not evaluated again until resumed.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>The ordering of tags; one member is set.</summary>
public sealed record ImagePolicyChoice
{
    [Description("Select the highest semantic version within a range.")]
    [JsonPropertyName("semver")]
    public ImagePolicySemVer? SemVer { get; init; }

    [Description("Order tags alphabetically.")]
    [JsonPropertyName("alphabetical")]
    public ImagePolicyAlphabetical? Alphabetical { get; init; }

    [Description("Order tags as numbers.")]
    [JsonPropertyName("numerical")]
    public ImagePolicyNumerical? Numerical { get; init; }
}

/// <summary>Semantic version ordering.</summary>
public sealed record ImagePolicySemVer
{
    [Required]
    [Description("A semver range such as '>=1.0.0 <2.0.0'; the highest tag inside it is selected.")]
    [JsonPropertyName("range")]
    public string Range { get; init; } = "";
}

/// <summary>Alphabetical ordering.</summary>
public sealed record ImagePolicyAlphabetical
{
    [AllowedValues("asc", "desc")]
    [DefaultValue(ImageDefaults.PolicyOrder)]
    [Description("Sort direction: 'asc' selects the last tag (Z), 'desc' the first (A).")]
    [JsonPropertyName("order")]
    public string? Order { get; init; }
}

/// <summary>Numerical ordering.</summary>
public sealed record ImagePolicyNumerical
{
    [AllowedValues("asc", "desc")]
    [DefaultValue(ImageDefaults.PolicyOrder)]
    [Description("Sort direction: 'asc' selects the largest number, 'desc' the smallest.")]
    [JsonPropertyName("order")]
    public string? Order { get; init; }
}

/// <summary>A tag filter: a regular expression and an optional replacement that yields the value to order by.</summary>
public sealed record ImagePolicyTagFilter
{
    [Description("Go regular expression a tag must match to be considered.")]
    [JsonPropertyName("pattern")]
    public string? Pattern { get; init; }

    [Description("Template over the pattern's capture groups, e.g. '$ts', whose result is ordered instead of the tag.")]
    [JsonPropertyName("extract")]
    public string? Extract { get; init; }
}

/// <summary>The image an ImagePolicy selected and the one before it.</summary>
public sealed record ImagePolicyStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("The generation of the spec that the status describes.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Ready, Reconciling and Stalled conditions of the ImagePolicy.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("The image that comes first after filtering and ordering the repository's tags.")]
    [JsonPropertyName("latestRef")]
    public ImageRef? LatestRef { get; init; }

    [Description("The latestRef before the most recent change, to tell old and new image apart.")]
    [JsonPropertyName("observedPreviousRef")]
    public ImageRef? ObservedPreviousRef { get; init; }

    [Description("The last reconcile request annotation value that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
