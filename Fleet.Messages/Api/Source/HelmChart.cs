using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Source;

/// <summary>A Helm chart taken from a HelmRepository, GitRepository or Bucket and packaged as an artifact (source.toolkit.fluxcd.io/v1).</summary>
[Description("HelmChart resolves one chart from a source and publishes the packaged chart as an artifact.")]
public sealed record HelmChart : FluxObject<HelmChartSpec, HelmChartStatus>;

/// <summary>Which chart, from which source, at which version.</summary>
public sealed record HelmChartSpec
{
    [Required]
    [Description("Chart name in a Helm repository, or chart path in a Git repository or bucket.")]
    [JsonPropertyName("chart")]
    public string Chart { get; init; } = "";

    [DefaultValue("*")]
    [Description("SemVer range of the chart version to pick; ignored for Git and bucket sources.")]
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [Required]
    [Description("The source in the same namespace that holds the chart.")]
    [JsonPropertyName("sourceRef")]
    public HelmChartSourceReference SourceRef { get; init; } = new();

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the source is checked for a new chart.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [AllowedValues("ChartVersion", "Revision")]
    [DefaultValue("ChartVersion")]
    [Description("Whether a new artifact is made on a new chart version only or on every new source revision.")]
    [JsonPropertyName("reconcileStrategy")]
    public string? ReconcileStrategy { get; init; }

    [Description("Values files inside the source merged in order to replace the chart's default values.")]
    [JsonPropertyName("valuesFiles")]
    public IReadOnlyList<string>? ValuesFiles { get; init; }

    [Description("Whether values files that are missing are skipped instead of failing.")]
    [JsonPropertyName("ignoreMissingValuesFiles")]
    public bool? IgnoreMissingValuesFiles { get; init; }

    [Description("Whether reconciliation of this chart is paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Description("How to verify the signature of a chart pulled from an OCI HelmRepository.")]
    [JsonPropertyName("verify")]
    public HelmChartVerification? Verify { get; init; }
}

/// <summary>The source of a HelmChart, in the chart's namespace.</summary>
public sealed record HelmChartSourceReference
{
    [Description("API version of the source.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues("HelmRepository", "GitRepository", "Bucket")]
    [Description("Kind of the source.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Description("Name of the source.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

/// <summary>How to check the signature of an OCI chart.</summary>
public sealed record HelmChartVerification
{
    [Required]
    [AllowedValues("cosign", "notation")]
    [DefaultValue("cosign")]
    [Description("Signing technology the chart's signature was made with.")]
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [Description("Secret holding the trusted public keys or certificates.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("Keyless signing identities of which any one must match the signature's certificate.")]
    [JsonPropertyName("matchOIDCIdentity")]
    public IReadOnlyList<OIDCIdentityMatch>? MatchOIDCIdentity { get; init; }
}

/// <summary>What the last reconcile of a HelmChart produced and observed.</summary>
public sealed record HelmChartStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Artifact revision of the source the chart was last built from.")]
    [JsonPropertyName("observedSourceArtifactRevision")]
    public string? ObservedSourceArtifactRevision { get; init; }

    [Description("Chart name as resolved by the last reconcile.")]
    [JsonPropertyName("observedChartName")]
    public string? ObservedChartName { get; init; }

    [Description("Values files used by the last successful reconcile.")]
    [JsonPropertyName("observedValuesFiles")]
    public IReadOnlyList<string>? ObservedValuesFiles { get; init; }

    [Description("Current state of the chart as Ready, Reconciling, Stalled and source conditions.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("Download address of the latest chart artifact.")]
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [Description("The packaged chart of the last successful reconcile.")]
    [JsonPropertyName("artifact")]
    public Artifact? Artifact { get; init; }

    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
