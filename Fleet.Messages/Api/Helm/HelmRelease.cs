using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Helm;

/// <summary>A Helm release installed and kept up to date from a chart (helm.toolkit.fluxcd.io/v2).</summary>
[Description("HelmRelease installs a Helm chart with the given values and keeps the release in the desired state.")]
public sealed record HelmRelease : FluxObject<HelmReleaseSpec, HelmReleaseStatus>;

/// <summary>Which chart, with which values, and how each Helm action behaves.</summary>
public sealed record HelmReleaseSpec
{
    [Description("Template of the HelmChart the controller creates for this release; exclusive with chartRef.")]
    [JsonPropertyName("chart")]
    public HelmChartTemplate? Chart { get; init; }

    [Description("An existing source object holding the chart artifact; exclusive with chart.")]
    [JsonPropertyName("chartRef")]
    public HelmReleaseChartReference? ChartRef { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the release is reconciled.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [Description("Kubeconfig of a remote cluster to release to instead of the local one.")]
    [JsonPropertyName("kubeConfig")]
    public KubeConfigReference? KubeConfig { get; init; }

    [Description("Whether new reconciles of this release are paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Length(1, 53)]
    [Description("Name of the Helm release; [targetNamespace-]name when absent.")]
    [JsonPropertyName("releaseName")]
    public string? ReleaseName { get; init; }

    [Length(1, 63)]
    [Description("Namespace the release is installed into; the HelmRelease's namespace when absent.")]
    [JsonPropertyName("targetNamespace")]
    public string? TargetNamespace { get; init; }

    [Length(1, 63)]
    [Description("Namespace of the Helm storage Secrets; the HelmRelease's namespace when absent.")]
    [JsonPropertyName("storageNamespace")]
    public string? StorageNamespace { get; init; }

    [Description("HelmReleases that must be ready before this one is reconciled.")]
    [JsonPropertyName("dependsOn")]
    public IReadOnlyList<DependencyReference>? DependsOn { get; init; }

    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of a Helm action; 5m when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Number of release revisions Helm keeps; 0 keeps all and 5 is used when absent.")]
    [JsonPropertyName("maxHistory")]
    public int? MaxHistory { get; init; }

    [Length(1, 253)]
    [Description("Service account impersonated for the Helm actions.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Whether one Kubernetes client is reused for a whole reconcile; true when absent.")]
    [JsonPropertyName("persistentClient")]
    public bool? PersistentClient { get; init; }

    [Description("How differences between the Helm manifest and the cluster are detected and handled.")]
    [JsonPropertyName("driftDetection")]
    public HelmReleaseDriftDetection? DriftDetection { get; init; }

    [Description("Settings of the Helm install action.")]
    [JsonPropertyName("install")]
    public HelmReleaseInstall? Install { get; init; }

    [Description("Settings of the Helm upgrade action.")]
    [JsonPropertyName("upgrade")]
    public HelmReleaseUpgrade? Upgrade { get; init; }

    [Description("Settings of the Helm test action.")]
    [JsonPropertyName("test")]
    public HelmReleaseTest? Test { get; init; }

    [Description("Settings of the Helm rollback action.")]
    [JsonPropertyName("rollback")]
    public HelmReleaseRollback? Rollback { get; init; }

    [Description("Settings of the Helm uninstall action.")]
    [JsonPropertyName("uninstall")]
    public HelmReleaseUninstall? Uninstall { get; init; }

    [Description("ConfigMaps and Secrets whose values are merged in order before the inline values.")]
    [JsonPropertyName("valuesFrom")]
    public IReadOnlyList<ValuesReference>? ValuesFrom { get; init; }

    [Description("Inline Helm values, merged last.")]
    [JsonPropertyName("values")]
    public JsonObject? Values { get; init; }

    [Description("Labels and annotations set on every object of the release.")]
    [JsonPropertyName("commonMetadata")]
    public CommonMetadata? CommonMetadata { get; init; }

    [Description("Post-renderers applied in order to the rendered manifests.")]
    [JsonPropertyName("postRenderers")]
    public IReadOnlyList<HelmReleasePostRenderer>? PostRenderers { get; init; }

    [AllowedValues("nohooks", "combined", "separate")]
    [Description("Whether hooks go to the post-renderers not at all, together with the templates, or in a separate stream.")]
    [JsonPropertyName("postRenderStrategy")]
    public string? PostRenderStrategy { get; init; }

    [Description("How Helm waits for applied objects to become ready.")]
    [JsonPropertyName("waitStrategy")]
    public HelmReleaseWaitStrategy? WaitStrategy { get; init; }

    [Description("CEL health expressions for custom resources, used when waiting with the poller strategy.")]
    [JsonPropertyName("healthCheckExprs")]
    public IReadOnlyList<CustomHealthCheck>? HealthCheckExprs { get; init; }
}

/// <summary>The template of the HelmChart created for a HelmRelease.</summary>
public sealed record HelmChartTemplate
{
    [Description("Labels and annotations of the created HelmChart.")]
    [JsonPropertyName("metadata")]
    public HelmChartTemplateObjectMeta? Metadata { get; init; }

    [Required]
    [Description("Spec of the created HelmChart.")]
    [JsonPropertyName("spec")]
    public HelmChartTemplateSpec Spec { get; init; } = new();
}

/// <summary>Labels and annotations of a templated HelmChart.</summary>
public sealed record HelmChartTemplateObjectMeta
{
    [Description("Labels of the created HelmChart.")]
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [Description("Annotations of the created HelmChart.")]
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

/// <summary>The spec of a templated HelmChart.</summary>
public sealed record HelmChartTemplateSpec
{
    [Required]
    [Length(1, 2048)]
    [Description("Chart name in a Helm repository, or chart path in a Git repository or bucket.")]
    [JsonPropertyName("chart")]
    public string Chart { get; init; } = "";

    [DefaultValue("*")]
    [Description("SemVer range of the chart version to pick; ignored for Git and bucket sources.")]
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [Required]
    [Description("The source that holds the chart.")]
    [JsonPropertyName("sourceRef")]
    public HelmChartTemplateSourceReference SourceRef { get; init; } = new();

    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the source is checked for a new chart; the release interval when absent.")]
    [JsonPropertyName("interval")]
    public GoDuration? Interval { get; init; }

    [AllowedValues("ChartVersion", "Revision")]
    [DefaultValue("ChartVersion")]
    [Description("Whether a new chart artifact is made on a new chart version only or on every new source revision.")]
    [JsonPropertyName("reconcileStrategy")]
    public string? ReconcileStrategy { get; init; }

    [Description("Values files inside the source merged in order to replace the chart's default values.")]
    [JsonPropertyName("valuesFiles")]
    public IReadOnlyList<string>? ValuesFiles { get; init; }

    [Description("Whether values files that are missing are skipped instead of failing.")]
    [JsonPropertyName("ignoreMissingValuesFiles")]
    public bool? IgnoreMissingValuesFiles { get; init; }

    [Description("How to verify the signature of a chart from an OCI source.")]
    [JsonPropertyName("verify")]
    public HelmChartTemplateVerification? Verify { get; init; }
}

/// <summary>The source of a templated HelmChart, optionally in another namespace.</summary>
public sealed record HelmChartTemplateSourceReference
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
    [Length(1, 253)]
    [Description("Name of the source.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Length(1, 63)]
    [Description("Namespace of the source; the HelmRelease's namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}

/// <summary>How to check the signature of a templated OCI chart.</summary>
public sealed record HelmChartTemplateVerification
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
}

/// <summary>A source object that already holds the chart artifact, optionally in another namespace.</summary>
public sealed record HelmReleaseChartReference
{
    [Description("API version of the source.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues("OCIRepository", "HelmChart", "ExternalArtifact")]
    [Description("Kind of the source.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Length(1, 253)]
    [Description("Name of the source.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Length(1, 63)]
    [Description("Namespace of the source; the HelmRelease's namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}

/// <summary>Whether and how drift of the cluster from the Helm manifest is detected and corrected.</summary>
public sealed record HelmReleaseDriftDetection
{
    [AllowedValues("enabled", "warn", "disabled")]
    [Description("Whether drift is corrected, only reported, or not looked for; disabled when absent.")]
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [Description("Fields left out of drift detection.")]
    [JsonPropertyName("ignore")]
    public IReadOnlyList<IgnoreRule>? Ignore { get; init; }
}

/// <summary>One post-renderer step of a HelmRelease.</summary>
public sealed record HelmReleasePostRenderer
{
    [Description("Kustomize patches and image overrides applied to the rendered manifests.")]
    [JsonPropertyName("kustomize")]
    public HelmReleaseKustomizePostRenderer? Kustomize { get; init; }
}

/// <summary>Kustomize transformations applied to the rendered manifests.</summary>
public sealed record HelmReleaseKustomizePostRenderer
{
    [Description("Strategic-merge and JSON 6902 patches applied to the rendered objects.")]
    [JsonPropertyName("patches")]
    public IReadOnlyList<Patch>? Patches { get; init; }

    [Description("Image name, tag and digest overrides applied to the rendered objects.")]
    [JsonPropertyName("images")]
    public IReadOnlyList<KustomizeImage>? Images { get; init; }
}

/// <summary>How Helm waits for applied objects to become ready.</summary>
public sealed record HelmReleaseWaitStrategy
{
    [Required]
    [AllowedValues("poller", "legacy")]
    [Description("Wait strategy: kstatus polling or Helm 3's legacy wait.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";
}

/// <summary>Settings of the Helm install action.</summary>
public sealed record HelmReleaseInstall
{
    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of the install; the release timeout when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether a failed install is remediated or retried.")]
    [JsonPropertyName("strategy")]
    public HelmReleaseActionStrategy? Strategy { get; init; }

    [Description("What to do when the install fails.")]
    [JsonPropertyName("remediation")]
    public HelmReleaseInstallRemediation? Remediation { get; init; }

    [Description("Whether existing objects are left unowned instead of adopted by the release.")]
    [JsonPropertyName("disableTakeOwnership")]
    public bool? DisableTakeOwnership { get; init; }

    [Description("Whether the install returns without waiting for objects to become ready.")]
    [JsonPropertyName("disableWait")]
    public bool? DisableWait { get; init; }

    [Description("Whether the install returns without waiting for Jobs to complete.")]
    [JsonPropertyName("disableWaitForJobs")]
    public bool? DisableWaitForJobs { get; init; }

    [Description("Whether chart hooks are skipped during the install.")]
    [JsonPropertyName("disableHooks")]
    public bool? DisableHooks { get; init; }

    [Description("Whether rendered manifests skip validation against the Kubernetes OpenAPI schema.")]
    [JsonPropertyName("disableOpenAPIValidation")]
    public bool? DisableOpenAPIValidation { get; init; }

    [Description("Whether values skip validation against the chart's JSON schema.")]
    [JsonPropertyName("disableSchemaValidation")]
    public bool? DisableSchemaValidation { get; init; }

    [Description("Whether the name of a deleted release kept in history may be reused.")]
    [JsonPropertyName("replace")]
    public bool? Replace { get; init; }

    [Description("Whether the chart's CRDs are not installed; deprecated in favour of crds Skip.")]
    [JsonPropertyName("skipCRDs")]
    public bool? SkipCRDs { get; init; }

    [AllowedValues("Skip", "Create", "CreateReplace")]
    [Description("How the chart's CRDs are handled on install; Create when absent.")]
    [JsonPropertyName("crds")]
    public string? Crds { get; init; }

    [Description("Whether the target namespace is created when missing.")]
    [JsonPropertyName("createNamespace")]
    public bool? CreateNamespace { get; init; }

    [Description("Whether objects are installed with server-side apply; true when absent.")]
    [JsonPropertyName("serverSideApply")]
    public bool? ServerSideApply { get; init; }
}

/// <summary>Whether a failed install or upgrade is remediated or retried.</summary>
public sealed record HelmReleaseActionStrategy
{
    [Required]
    [AllowedValues("RemediateOnFailure", "RetryOnFailure")]
    [Description("Name of the strategy.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [RegularExpression(GoDuration.Pattern)]
    [Description("How soon a failed action is retried with RetryOnFailure; 5m when absent.")]
    [JsonPropertyName("retryInterval")]
    public GoDuration? RetryInterval { get; init; }
}

/// <summary>What to do when an install fails.</summary>
public sealed record HelmReleaseInstallRemediation
{
    [Description("Number of retries before giving up, with an uninstall between attempts; negative means unlimited.")]
    [JsonPropertyName("retries")]
    public int? Retries { get; init; }

    [Description("Whether failing tests after an install are not remediated.")]
    [JsonPropertyName("ignoreTestFailures")]
    public bool? IgnoreTestFailures { get; init; }

    [Description("Whether the last failure is remediated once no retries remain.")]
    [JsonPropertyName("remediateLastFailure")]
    public bool? RemediateLastFailure { get; init; }
}

/// <summary>Settings of the Helm upgrade action.</summary>
public sealed record HelmReleaseUpgrade
{
    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of the upgrade; the release timeout when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether a failed upgrade is remediated or retried.")]
    [JsonPropertyName("strategy")]
    public HelmReleaseActionStrategy? Strategy { get; init; }

    [Description("What to do when the upgrade fails.")]
    [JsonPropertyName("remediation")]
    public HelmReleaseUpgradeRemediation? Remediation { get; init; }

    [Description("Whether existing objects are left unowned instead of adopted by the release.")]
    [JsonPropertyName("disableTakeOwnership")]
    public bool? DisableTakeOwnership { get; init; }

    [Description("Whether the upgrade returns without waiting for objects to become ready.")]
    [JsonPropertyName("disableWait")]
    public bool? DisableWait { get; init; }

    [Description("Whether the upgrade returns without waiting for Jobs to complete.")]
    [JsonPropertyName("disableWaitForJobs")]
    public bool? DisableWaitForJobs { get; init; }

    [Description("Whether chart hooks are skipped during the upgrade.")]
    [JsonPropertyName("disableHooks")]
    public bool? DisableHooks { get; init; }

    [Description("Whether rendered manifests skip validation against the Kubernetes OpenAPI schema.")]
    [JsonPropertyName("disableOpenAPIValidation")]
    public bool? DisableOpenAPIValidation { get; init; }

    [Description("Whether values skip validation against the chart's JSON schema.")]
    [JsonPropertyName("disableSchemaValidation")]
    public bool? DisableSchemaValidation { get; init; }

    [Description("Whether client-side updates replace objects to get past merge conflicts.")]
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [Description("Whether the previous release's values are reused and merged with the new ones.")]
    [JsonPropertyName("preserveValues")]
    public bool? PreserveValues { get; init; }

    [Description("Whether objects created by a failed upgrade are deleted.")]
    [JsonPropertyName("cleanupOnFail")]
    public bool? CleanupOnFail { get; init; }

    [AllowedValues("Skip", "Create", "CreateReplace")]
    [Description("How the chart's CRDs are handled on upgrade; Skip when absent.")]
    [JsonPropertyName("crds")]
    public string? Crds { get; init; }

    [AllowedValues("enabled", "disabled", "auto")]
    [Description("Whether the upgrade uses server-side apply, or follows the previous release when auto.")]
    [JsonPropertyName("serverSideApply")]
    public string? ServerSideApply { get; init; }

    [AllowedValues("InPlaceUpdate", "Reinstall")]
    [Description("Whether a change of chart name reinstalls the release or upgrades it in place; Reinstall when absent.")]
    [JsonPropertyName("chartNameChangeStrategy")]
    public string? ChartNameChangeStrategy { get; init; }
}

/// <summary>What to do when an upgrade fails.</summary>
public sealed record HelmReleaseUpgradeRemediation
{
    [Description("Number of retries before giving up, with remediation between attempts; negative means unlimited.")]
    [JsonPropertyName("retries")]
    public int? Retries { get; init; }

    [Description("Whether failing tests after an upgrade are not remediated.")]
    [JsonPropertyName("ignoreTestFailures")]
    public bool? IgnoreTestFailures { get; init; }

    [Description("Whether the last failure is remediated once no retries remain.")]
    [JsonPropertyName("remediateLastFailure")]
    public bool? RemediateLastFailure { get; init; }

    [AllowedValues("rollback", "uninstall")]
    [Description("Remediation used after a failed upgrade; rollback when absent.")]
    [JsonPropertyName("strategy")]
    public string? Strategy { get; init; }
}

/// <summary>Settings of the Helm test action.</summary>
public sealed record HelmReleaseTest
{
    [Description("Whether Helm tests run after each install or upgrade.")]
    [JsonPropertyName("enable")]
    public bool? Enable { get; init; }

    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of the tests; the release timeout when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether failing tests are not remediated.")]
    [JsonPropertyName("ignoreFailures")]
    public bool? IgnoreFailures { get; init; }

    [Description("Tests to run or to leave out.")]
    [JsonPropertyName("filters")]
    public IReadOnlyList<HelmReleaseTestFilter>? Filters { get; init; }
}

/// <summary>Selects one Helm test to run or to leave out.</summary>
public sealed record HelmReleaseTestFilter
{
    [Required]
    [Length(1, 253)]
    [Description("Name of the test.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Description("Whether the named test is left out instead of selected.")]
    [JsonPropertyName("exclude")]
    public bool? Exclude { get; init; }
}

/// <summary>Settings of the Helm rollback action.</summary>
public sealed record HelmReleaseRollback
{
    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of the rollback; the release timeout when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether the rollback returns without waiting for objects to become ready.")]
    [JsonPropertyName("disableWait")]
    public bool? DisableWait { get; init; }

    [Description("Whether the rollback returns without waiting for Jobs to complete.")]
    [JsonPropertyName("disableWaitForJobs")]
    public bool? DisableWaitForJobs { get; init; }

    [Description("Whether chart hooks are skipped during the rollback.")]
    [JsonPropertyName("disableHooks")]
    public bool? DisableHooks { get; init; }

    [Description("Whether workload pods are restarted; deprecated and without effect with Helm 4.")]
    [JsonPropertyName("recreate")]
    public bool? Recreate { get; init; }

    [Description("Whether client-side updates replace objects to get past merge conflicts.")]
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [Description("Whether objects created by a failed rollback are deleted.")]
    [JsonPropertyName("cleanupOnFail")]
    public bool? CleanupOnFail { get; init; }

    [AllowedValues("enabled", "disabled", "auto")]
    [Description("Whether the rollback uses server-side apply, or follows the previous release when auto.")]
    [JsonPropertyName("serverSideApply")]
    public string? ServerSideApply { get; init; }
}

/// <summary>Settings of the Helm uninstall action.</summary>
public sealed record HelmReleaseUninstall
{
    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of each Kubernetes operation of the uninstall; the release timeout when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Whether chart hooks are skipped during the uninstall.")]
    [JsonPropertyName("disableHooks")]
    public bool? DisableHooks { get; init; }

    [Description("Whether the release history is kept after its objects are deleted.")]
    [JsonPropertyName("keepHistory")]
    public bool? KeepHistory { get; init; }

    [Description("Whether the uninstall returns without waiting for objects to be deleted.")]
    [JsonPropertyName("disableWait")]
    public bool? DisableWait { get; init; }

    [AllowedValues("background", "foreground", "orphan")]
    [DefaultValue("background")]
    [Description("Propagation policy of the deletions made by the uninstall.")]
    [JsonPropertyName("deletionPropagation")]
    public string? DeletionPropagation { get; init; }
}

/// <summary>What the controller last attempted, released and observed for a HelmRelease.</summary>
public sealed record HelmReleaseStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Digest of the post-renderers of the last successful reconcile.")]
    [JsonPropertyName("observedPostRenderersDigest")]
    public string? ObservedPostRenderersDigest { get; init; }

    [Description("Digest of the common metadata of the last successful reconcile.")]
    [JsonPropertyName("observedCommonMetadataDigest")]
    public string? ObservedCommonMetadataDigest { get; init; }

    [Description("Generation of the object the last reconcile attempted.")]
    [JsonPropertyName("lastAttemptedGeneration")]
    public long? LastAttemptedGeneration { get; init; }

    [Description("Current state of the release as Ready, Reconciling, Stalled, Released, TestSuccess, Remediated and Drifted conditions.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("Namespace and name, as namespace/name, of the HelmChart created for this release.")]
    [JsonPropertyName("helmChart")]
    public string? HelmChart { get; init; }

    [Length(1, 63)]
    [Description("Namespace of the Helm storage of the current release.")]
    [JsonPropertyName("storageNamespace")]
    public string? StorageNamespace { get; init; }

    [Description("Snapshots of the Helm releases made, back to the last successful one.")]
    [JsonPropertyName("history")]
    public IReadOnlyList<HelmReleaseSnapshot>? History { get; init; }

    [Description("Objects of the current release.")]
    [JsonPropertyName("inventory")]
    public ResourceInventory? Inventory { get; init; }

    [AllowedValues("install", "upgrade")]
    [Description("Last release action attempted, which selects the active retry and remediation settings.")]
    [JsonPropertyName("lastAttemptedReleaseAction")]
    public string? LastAttemptedReleaseAction { get; init; }

    [Description("How long the last release action took.")]
    [JsonPropertyName("lastAttemptedReleaseActionDuration")]
    public GoDuration? LastAttemptedReleaseActionDuration { get; init; }

    [Description("Failed reconciles against the latest desired state, reset on success.")]
    [JsonPropertyName("failures")]
    public long? Failures { get; init; }

    [Description("Failed installs against the latest desired state, reset on success.")]
    [JsonPropertyName("installFailures")]
    public long? InstallFailures { get; init; }

    [Description("Failed upgrades against the latest desired state, reset on success.")]
    [JsonPropertyName("upgradeFailures")]
    public long? UpgradeFailures { get; init; }

    [Description("Chart revision of the last attempt, with the first 12 digest characters appended for OCI sources.")]
    [JsonPropertyName("lastAttemptedRevision")]
    public string? LastAttemptedRevision { get; init; }

    [Description("Digest of the chart artifact of the last attempt, for OCI sources.")]
    [JsonPropertyName("lastAttemptedRevisionDigest")]
    public string? LastAttemptedRevisionDigest { get; init; }

    [Description("SHA1 checksum of the values of the last attempt; deprecated in favour of lastAttemptedConfigDigest.")]
    [JsonPropertyName("lastAttemptedValuesChecksum")]
    public string? LastAttemptedValuesChecksum { get; init; }

    [Description("Revision of the last successful Helm release; deprecated in favour of history.")]
    [JsonPropertyName("lastReleaseRevision")]
    public int? LastReleaseRevision { get; init; }

    [Description("Digest of the values of the last attempt.")]
    [JsonPropertyName("lastAttemptedConfigDigest")]
    public string? LastAttemptedConfigDigest { get; init; }

    [Description("Last value of the reset request annotation that was handled.")]
    [JsonPropertyName("lastHandledResetAt")]
    public string? LastHandledResetAt { get; init; }

    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }

    [Description("Last value of the force request annotation that was handled.")]
    [JsonPropertyName("lastHandledForceAt")]
    public string? LastHandledForceAt { get; init; }
}

/// <summary>A point-in-time copy of one Helm release revision as the controller saw it.</summary>
public sealed record HelmReleaseSnapshot
{
    [Description("Version of the snapshot format, telling which way the digest was computed.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [Description("Digest of the release object in Helm storage, as algorithm:checksum.")]
    [JsonPropertyName("digest")]
    public string Digest { get; init; } = "";

    [Required]
    [Description("Name of the release.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Required]
    [Description("Namespace the release is installed into.")]
    [JsonPropertyName("namespace")]
    public string Namespace { get; init; } = "";

    [Required]
    [Description("Revision number of the release in Helm storage.")]
    [JsonPropertyName("version")]
    public int Version { get; init; }

    [Required]
    [Description("Helm status of the release, such as deployed or failed.")]
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [Description("Release action that made this revision.")]
    [JsonPropertyName("action")]
    public string? Action { get; init; }

    [Required]
    [Description("Name of the released chart.")]
    [JsonPropertyName("chartName")]
    public string ChartName { get; init; } = "";

    [Required]
    [Description("Version of the released chart.")]
    [JsonPropertyName("chartVersion")]
    public string ChartVersion { get; init; } = "";

    [Description("App version of the released chart.")]
    [JsonPropertyName("appVersion")]
    public string? AppVersion { get; init; }

    [Required]
    [Description("Digest of the release's values, as algorithm:checksum.")]
    [JsonPropertyName("configDigest")]
    public string ConfigDigest { get; init; } = "";

    [Required]
    [Description("When the release was first deployed.")]
    [JsonPropertyName("firstDeployed")]
    public DateTime FirstDeployed { get; init; }

    [Required]
    [Description("When the release was last deployed.")]
    [JsonPropertyName("lastDeployed")]
    public DateTime LastDeployed { get; init; }

    [Description("When the release was deleted.")]
    [JsonPropertyName("deleted")]
    public DateTime? Deleted { get; init; }

    [Description("Test hooks of the release by name, as the controller saw them run; empty when no tests were selected.")]
    [JsonPropertyName("testHooks")]
    public IReadOnlyDictionary<string, HelmReleaseTestHookStatus?>? TestHooks { get; init; }

    [Description("Digest of the OCI artifact the chart came from.")]
    [JsonPropertyName("ociDigest")]
    public string? OciDigest { get; init; }
}

/// <summary>How one Helm test hook ran.</summary>
public sealed record HelmReleaseTestHookStatus
{
    [Description("When the test hook last started.")]
    [JsonPropertyName("lastStarted")]
    public DateTime? LastStarted { get; init; }

    [Description("When the test hook last completed.")]
    [JsonPropertyName("lastCompleted")]
    public DateTime? LastCompleted { get; init; }

    [Description("Phase the test hook was last seen in, such as Succeeded or Failed.")]
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }
}
