using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Messages.Api.Image;

/// <summary>
/// Writes the images ImagePolicies selected into a Git repository and pushes the commit
/// (image.toolkit.fluxcd.io/v1, also served as v1beta2: v1 only adds <c>git.commit.signingKey.type</c>).
/// </summary>
[Description("An ImageUpdateAutomation checks out a GitRepository, updates image references marked with setters to the images its policies selected, and commits and pushes the change.")]
public sealed record ImageUpdateAutomation : FluxObject<ImageUpdateAutomationSpec, ImageUpdateAutomationStatus>;

/// <summary>Which repository to change, how to commit and push, and which files and policies to use.</summary>
public sealed record ImageUpdateAutomationSpec
{
    [Required]
    [Description("The GitRepository whose URL and credentials are used to clone and push.")]
    [JsonPropertyName("sourceRef")]
    public ImageUpdateAutomationSourceReference SourceRef { get; init; } = new();

    [Description("How to check out, commit and push; optional in the schema but needed while Git is the only source kind.")]
    [JsonPropertyName("git")]
    public ImageUpdateAutomationGit? Git { get; init; }

    [Required]
    [RegularExpression(GoDuration.Pattern)]
    [Description("The least time between two runs of the automation.")]
    [JsonPropertyName("interval")]
    public GoDuration Interval { get; init; } = GoDuration.Zero;

    [Description("Labels selecting the ImagePolicies in the namespace to apply; every policy when absent.")]
    [JsonPropertyName("policySelector")]
    public LabelSelector? PolicySelector { get; init; }

    [Description("How files are updated; the Setters strategy on the whole repository when absent.")]
    [JsonPropertyName("update")]
    public ImageUpdateAutomationUpdate? Update { get; init; }

    [Description("When true, the automation does not run until resumed.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>The source an automation writes to; only GitRepository is supported.</summary>
public sealed record ImageUpdateAutomationSourceReference
{
    [Description("API version of the source.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues("GitRepository")]
    [DefaultValue("GitRepository")]
    [Description("Kind of the source; only GitRepository.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [Description("Name of the source.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Description("Namespace of the source; the automation's own namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}

/// <summary>The Git side of an automation: what to check out, how to commit, where to push.</summary>
public sealed record ImageUpdateAutomationGit
{
    [Description("The reference to clone; the GitRepository's own ref, or its default, when absent.")]
    [JsonPropertyName("checkout")]
    public ImageUpdateAutomationCheckout? Checkout { get; init; }

    [Required]
    [Description("Author, signature and message of the commits made.")]
    [JsonPropertyName("commit")]
    public ImageUpdateAutomationCommit Commit { get; init; } = new();

    [Description("Where commits are pushed; back to the checked-out branch when absent.")]
    [JsonPropertyName("push")]
    public ImageUpdateAutomationPush? Push { get; init; }
}

/// <summary>The Git reference an automation starts from.</summary>
public sealed record ImageUpdateAutomationCheckout
{
    [Required]
    [Description("Branch, tag, semver, name or commit to clone.")]
    [JsonPropertyName("ref")]
    public GitRepositoryRef Reference { get; init; } = new();
}

/// <summary>How commits are written.</summary>
public sealed record ImageUpdateAutomationCommit
{
    [Required]
    [Description("Name and email the commits are authored by.")]
    [JsonPropertyName("author")]
    public ImageUpdateAutomationCommitUser Author { get; init; } = new();

    [Description("Key to sign commits with; unsigned when absent.")]
    [JsonPropertyName("signingKey")]
    public ImageUpdateAutomationSigningKey? SigningKey { get; init; }

    [Description("Go template of the commit message, given .AutomationObject, .Changed and .Values; a fixed message when absent. The removed .Updated field is an error.")]
    [JsonPropertyName("messageTemplate")]
    public string? MessageTemplate { get; init; }

    [Description("Values made available to the message template as .Values.")]
    [JsonPropertyName("messageTemplateValues")]
    public IReadOnlyDictionary<string, string>? MessageTemplateValues { get; init; }
}

/// <summary>A commit author.</summary>
public sealed record ImageUpdateAutomationCommitUser
{
    [Description("Author name.")]
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [Required]
    [Description("Author email.")]
    [JsonPropertyName("email")]
    public string Email { get; init; } = "";
}

/// <summary>The key commits are signed with.</summary>
public sealed record ImageUpdateAutomationSigningKey
{
    [Required]
    [Description("Secret in the automation's namespace holding the key: 'git.asc' (and 'passphrase') for gpg, 'identity' (and 'password') for ssh.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference SecretRef { get; init; } = new();

    [AllowedValues(SigningKeyTypes.Gpg, SigningKeyTypes.Ssh)]
    [Description("Format of the key: 'gpg' when absent, or 'ssh'. Added in v1; v1beta2 objects leave it out.")]
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

/// <summary>Where and how commits are pushed.</summary>
public sealed record ImageUpdateAutomationPush
{
    [Description("Branch to push to, created from the checked-out branch when missing.")]
    [JsonPropertyName("branch")]
    public string? Branch { get; init; }

    [Description("Git refspec to push with, e.g. 'refs/heads/a:refs/heads/b'; used in addition to branch when both are set.")]
    [JsonPropertyName("refspec")]
    public string? Refspec { get; init; }

    [Description("Push options sent to the server, as with 'git push -o'.")]
    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>How files in the repository are updated.</summary>
public sealed record ImageUpdateAutomationUpdate
{
    [AllowedValues("Setters")]
    [DefaultValue(ImageDefaults.UpdateStrategy)]
    [Description("Update strategy; only 'Setters', which rewrites fields marked with an $imagepolicy comment.")]
    [JsonPropertyName("strategy")]
    public string? Strategy { get; init; }

    [Description("Directory, relative to the repository root, whose manifests are updated; the whole repository when absent.")]
    [JsonPropertyName("path")]
    public string? Path { get; init; }
}

/// <summary>What the last run of an ImageUpdateAutomation did.</summary>
public sealed record ImageUpdateAutomationStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("The generation of the spec that the status describes.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Ready, Reconciling and Stalled conditions of the ImageUpdateAutomation.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("When the automation last ran to completion, whether or not it changed anything.")]
    [JsonPropertyName("lastAutomationRunTime")]
    public DateTime? LastAutomationRunTime { get; init; }

    [Description("SHA-1 of the last commit the automation pushed.")]
    [JsonPropertyName("lastPushCommit")]
    public string? LastPushCommit { get; init; }

    [Description("When the automation last pushed a change.")]
    [JsonPropertyName("lastPushTime")]
    public DateTime? LastPushTime { get; init; }

    [Description("The ImagePolicies the last run applied, by name, with the image each selected.")]
    [JsonPropertyName("observedPolicies")]
    public IReadOnlyDictionary<string, ImageRef>? ObservedPolicies { get; init; }

    [Description("The source revision the last run saw, to tell whether the source moved since.")]
    [JsonPropertyName("observedSourceRevision")]
    public string? ObservedSourceRevision { get; init; }

    [Description("The last reconcile request annotation value that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
