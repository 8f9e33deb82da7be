using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Kustomize;

/// <summary>A kustomize overlay from a source artifact, built and applied to the cluster (kustomize.toolkit.fluxcd.io/v1).</summary>
[Description("Kustomization builds manifests from a source artifact with kustomize and keeps them applied to the cluster.")]
public sealed record Kustomization : FluxObject<KustomizationSpec, KustomizationStatus>;

/// <summary>What to build, how to transform it, where and how to apply it.</summary>
public sealed record KustomizationSpec
{
    [Description("Labels and annotations set on every applied object.")]
    [JsonPropertyName("commonMetadata")]
    public CommonMetadata? CommonMetadata { get; init; }

    [Description("Kustomizations that must be ready before this one is reconciled.")]
    [JsonPropertyName("dependsOn")]
    public IReadOnlyList<DependencyReference>? DependsOn { get; init; }

    [Description("How encrypted Secrets in the manifests are decrypted before apply.")]
    [JsonPropertyName("decryption")]
    public KustomizationDecryption? Decryption { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("How often the full build, apply, prune and health cycle runs.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [RegularExpression(GoDuration.Pattern)]
    [Description("How soon a failed reconcile is retried; the interval when absent.")]
    [JsonPropertyName("retryInterval")]
    public GoDuration? RetryInterval { get; init; }

    [Description("Kubeconfig of a remote cluster to apply to instead of the local one.")]
    [JsonPropertyName("kubeConfig")]
    public KubeConfigReference? KubeConfig { get; init; }

    [Description("Directory inside the artifact to build; the artifact root when absent.")]
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [Description("Steps run on the built manifests before apply, such as variable substitution.")]
    [JsonPropertyName("postBuild")]
    public KustomizationPostBuild? PostBuild { get; init; }

    [Required]
    [Description("Whether objects that left the build are deleted from the cluster.")]
    [JsonPropertyName("prune")]
    public bool Prune { get; init; }

    [AllowedValues("MirrorPrune", "Delete", "WaitForTermination", "Orphan")]
    [Description("What happens to the applied objects when the Kustomization is deleted.")]
    [JsonPropertyName("deletionPolicy")]
    public string? DeletionPolicy { get; init; }

    [Description("Objects whose health decides whether the Kustomization is ready.")]
    [JsonPropertyName("healthChecks")]
    public IReadOnlyList<NamespacedObjectKindReference>? HealthChecks { get; init; }

    [Length(1, 200)]
    [Description("Prefix added to the names of all applied objects.")]
    [JsonPropertyName("namePrefix")]
    public string? NamePrefix { get; init; }

    [Length(1, 200)]
    [Description("Suffix added to the names of all applied objects.")]
    [JsonPropertyName("nameSuffix")]
    public string? NameSuffix { get; init; }

    [Description("Strategic-merge and JSON 6902 patches applied to the built objects.")]
    [JsonPropertyName("patches")]
    public IReadOnlyList<Patch>? Patches { get; init; }

    [Description("Image name, tag and digest overrides applied to the built objects.")]
    [JsonPropertyName("images")]
    public IReadOnlyList<KustomizeImage>? Images { get; init; }

    [Description("Service account impersonated when applying and pruning.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Required]
    [Description("The source whose artifact holds the manifests.")]
    [JsonPropertyName("sourceRef")]
    public KustomizationSourceReference SourceRef { get; init; } = new();

    [Description("Whether new reconciles of this Kustomization are paused.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Length(1, 63)]
    [Description("Namespace set on every namespaced object of the build.")]
    [JsonPropertyName("targetNamespace")]
    public string? TargetNamespace { get; init; }

    [RegularExpression(GoDuration.Pattern)]
    [Description("Time limit of build, apply and health checking; the interval when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [DefaultValue(false)]
    [Description("Whether objects are recreated when an apply fails on an immutable field.")]
    [JsonPropertyName("force")]
    public bool? Force { get; init; }

    [Description("Whether every applied object is health checked, replacing the health check list.")]
    [JsonPropertyName("wait")]
    public bool? Wait { get; init; }

    [AllowedValues("originAnnotations", "transformerAnnotations")]
    [Description("Kustomize build metadata annotations to add to the built objects; each item is one allowed value.")]
    [JsonPropertyName("buildMetadata")]
    public IReadOnlyList<string>? BuildMetadata { get; init; }

    [Description("Paths of kustomize Components, relative to the path, added to the build.")]
    [JsonPropertyName("components")]
    public IReadOnlyList<string>? Components { get; init; }

    [Description("Whether components missing from the source are dropped instead of failing the build.")]
    [JsonPropertyName("ignoreMissingComponents")]
    public bool? IgnoreMissingComponents { get; init; }

    [Description("CEL health expressions for custom resources, used when health checking is on.")]
    [JsonPropertyName("healthCheckExprs")]
    public IReadOnlyList<CustomHealthCheck>? HealthCheckExprs { get; init; }

    [Description("Fields excluded from drift detection and apply.")]
    [JsonPropertyName("ignore")]
    public IReadOnlyList<IgnoreRule>? Ignore { get; init; }
}

/// <summary>The source of a Kustomization, optionally in another namespace.</summary>
public sealed record KustomizationSourceReference
{
    [Description("API version of the source.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues("OCIRepository", "GitRepository", "Bucket", "ExternalArtifact")]
    [Description("Kind of the source.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Description("Name of the source.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Description("Namespace of the source; the Kustomization's namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}

/// <summary>How SOPS-encrypted manifests are decrypted.</summary>
public sealed record KustomizationDecryption
{
    [Required]
    [AllowedValues("sops")]
    [Description("Decryption engine; SOPS is the only one.")]
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "";

    [Description("Service account whose workload identity reaches the cloud key services.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Secret holding the private keys or cloud credentials used to decrypt.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }
}

/// <summary>Variable substitution run on the built manifests.</summary>
public sealed record KustomizationPostBuild
{
    [AllowedValues("WithVariables", "Always")]
    [Description("Whether substitution runs only when some variable is defined or always.")]
    [JsonPropertyName("substituteStrategy")]
    public string? SubstituteStrategy { get; init; }

    [Description("Variables and their values, which win over those from substituteFrom.")]
    [JsonPropertyName("substitute")]
    public IReadOnlyDictionary<string, string>? Substitute { get; init; }

    [Description("ConfigMaps and Secrets whose keys and values are variables, later ones overriding earlier ones.")]
    [JsonPropertyName("substituteFrom")]
    public IReadOnlyList<KustomizationSubstituteReference>? SubstituteFrom { get; init; }
}

/// <summary>A ConfigMap or Secret in the Kustomization's namespace holding substitution variables.</summary>
public sealed record KustomizationSubstituteReference
{
    [Required]
    [AllowedValues("Secret", "ConfigMap")]
    [Description("Kind of the object holding the variables.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Length(1, 253)]
    [Description("Name of the object holding the variables.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [DefaultValue(false)]
    [Description("Whether a missing object counts as empty instead of failing.")]
    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}

/// <summary>What the last reconcile of a Kustomization applied and observed.</summary>
public sealed record KustomizationStatus : IFluxStatus
{
    [Description("Last value of the reconcile request annotation that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }

    [DefaultValue(-1L)]
    [Description("Generation of the object that the last completed reconcile acted on.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Current state of the Kustomization as Ready, Reconciling, Stalled and Healthy conditions.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("Source revision that was last applied successfully.")]
    [JsonPropertyName("lastAppliedRevision")]
    public string? LastAppliedRevision { get; init; }

    [Description("Origin revision from the artifact metadata of the last successful apply.")]
    [JsonPropertyName("lastAppliedOriginRevision")]
    public string? LastAppliedOriginRevision { get; init; }

    [Description("Source revision of the last reconcile attempt.")]
    [JsonPropertyName("lastAttemptedRevision")]
    public string? LastAttemptedRevision { get; init; }

    [Description("Objects applied by the last successful reconcile.")]
    [JsonPropertyName("inventory")]
    public ResourceInventory? Inventory { get; init; }

    [Description("Snapshots of the latest reconciles, newest first.")]
    [JsonPropertyName("history")]
    public IReadOnlyList<Snapshot>? History { get; init; }
}
