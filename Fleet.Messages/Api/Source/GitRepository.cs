using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Source;

/// <summary>A Git repository to fetch and publish as an artifact (source.toolkit.fluxcd.io/v1).</summary>
[Description("GitRepository is the Schema for the gitrepositories API.")]
public sealed record GitRepository : FluxObject<GitRepositorySpec, GitRepositoryStatus>;

/// <summary>What to fetch, how often, and with which credentials.</summary>
public sealed record GitRepositorySpec
{
    [Required]
    [RegularExpression("^(http|https|ssh)://.*$")]
    [Description("URL specifies the Git repository URL, it can be an HTTP/S or SSH address.")]
    [JsonPropertyName("url")]
    public string Url { get; init; } = "";

    [Description("SecretRef specifies the Secret containing authentication credentials for the GitRepository.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [AllowedValues("generic", "aws", "azure", "github")]
    [Description("Provider used for authentication, can be 'aws', 'azure', 'github', 'generic'.")]
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    [Description("ServiceAccountName is the name of the Kubernetes ServiceAccount used to authenticate to the GitRepository.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("Interval at which the GitRepository URL is checked for updates.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [DefaultValue("60s")]
    [Description("Timeout for Git operations like cloning.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [Description("Reference specifies the Git reference to resolve and monitor for changes, defaults to the 'master' branch.")]
    [JsonPropertyName("ref")]
    public GitRepositoryRef? Ref { get; init; }

    [Description("Verification specifies the configuration to verify the Git commit signature(s).")]
    [JsonPropertyName("verify")]
    public GitRepositoryVerification? Verify { get; init; }

    [Description("ProxySecretRef specifies the Secret containing the proxy configuration to use while communicating with the Git server.")]
    [JsonPropertyName("proxySecretRef")]
    public LocalObjectReference? ProxySecretRef { get; init; }

    [Description("Ignore overrides the set of excluded patterns in the .sourceignore format.")]
    [JsonPropertyName("ignore")]
    public string? Ignore { get; init; }

    [Description("Suspend tells the controller to suspend the reconciliation of this GitRepository.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Description("RecurseSubmodules enables the initialization of all submodules within the GitRepository as cloned from the URL.")]
    [JsonPropertyName("recurseSubmodules")]
    public bool? RecurseSubmodules { get; init; }

    [Description("Include specifies a list of GitRepository resources which Artifacts should be included in the Artifact produced for this GitRepository.")]
    [JsonPropertyName("include")]
    public IReadOnlyList<GitRepositoryInclude>? Include { get; init; }

    [Description("SparseCheckout specifies a list of directories to checkout when cloning the repository.")]
    [JsonPropertyName("sparseCheckout")]
    public IReadOnlyList<string>? SparseCheckout { get; init; }
}

/// <summary>The Git reference to follow; precedence commit, name, semver, tag, branch.</summary>
public sealed record GitRepositoryRef
{
    [Description("Branch to check out, defaults to 'master' if no other field is defined.")]
    [JsonPropertyName("branch")]
    public string? Branch { get; init; }

    [Description("Tag to check out, takes precedence over Branch.")]
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    [Description("SemVer tag expression to check out, takes precedence over Tag.")]
    [JsonPropertyName("semver")]
    public string? SemVer { get; init; }

    [Description("Name of the reference to check out; takes precedence over Branch, Tag and SemVer.")]
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [Description("Commit SHA to check out, takes precedence over all reference fields.")]
    [JsonPropertyName("commit")]
    public string? Commit { get; init; }
}

/// <summary>How to verify commit or tag signatures.</summary>
public sealed record GitRepositoryVerification
{
    [AllowedValues("head", "HEAD", "Tag", "TagAndHEAD")]
    [DefaultValue("HEAD")]
    [Description("Mode specifies which Git object(s) should be verified.")]
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [Required]
    [Description("SecretRef specifies the Secret containing the public keys of trusted Git authors.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference SecretRef { get; init; } = new();
}

/// <summary>Another GitRepository's artifact copied into this one's.</summary>
public sealed record GitRepositoryInclude
{
    [Required]
    [Description("GitRepositoryRef specifies the GitRepository which Artifact contents must be included.")]
    [JsonPropertyName("repository")]
    public LocalObjectReference Repository { get; init; } = new();

    [Description("FromPath specifies the path to copy contents from, defaults to the root of the Artifact.")]
    [JsonPropertyName("fromPath")]
    public string? FromPath { get; init; }

    [Description("ToPath specifies the path to copy contents to, defaults to the name of the GitRepositoryRef.")]
    [JsonPropertyName("toPath")]
    public string? ToPath { get; init; }
}

/// <summary>What the last reconcile of a GitRepository produced and observed.</summary>
public sealed record GitRepositoryStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("artifact")]
    public Artifact? Artifact { get; init; }

    [JsonPropertyName("includedArtifacts")]
    public IReadOnlyList<Artifact>? IncludedArtifacts { get; init; }

    [JsonPropertyName("observedIgnore")]
    public string? ObservedIgnore { get; init; }

    [JsonPropertyName("observedRecurseSubmodules")]
    public bool? ObservedRecurseSubmodules { get; init; }

    [JsonPropertyName("observedInclude")]
    public IReadOnlyList<GitRepositoryInclude>? ObservedInclude { get; init; }

    [JsonPropertyName("observedSparseCheckout")]
    public IReadOnlyList<string>? ObservedSparseCheckout { get; init; }

    [JsonPropertyName("sourceVerificationMode")]
    public string? SourceVerificationMode { get; init; }

    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
