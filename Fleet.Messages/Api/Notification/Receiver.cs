using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Notification;

/// <summary>A webhook endpoint that asks for an immediate reconcile of Flux objects (notification.toolkit.fluxcd.io/v1).</summary>
[Description("A Receiver accepts webhooks from an external system at a generated path and requests a reconciliation of the objects it lists.")]
public sealed record Receiver : FluxObject<ReceiverSpec, ReceiverStatus>;

/// <summary>Who may call the webhook, how a call is verified, and which objects it wakes.</summary>
public sealed record ReceiverSpec
{
    [Required]
    [AllowedValues(
        ReceiverTypes.Generic, ReceiverTypes.GenericHmac, ReceiverTypes.GenericOidc, ReceiverTypes.GitHub, ReceiverTypes.GitLab,
        ReceiverTypes.Bitbucket, ReceiverTypes.Harbor, ReceiverTypes.DockerHub, ReceiverTypes.Quay, ReceiverTypes.Gcr,
        ReceiverTypes.Nexus, ReceiverTypes.Acr, ReceiverTypes.CDEvents)]
    [Description("The sender of the webhook; selects how a request is authenticated and how its payload is read.")]
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [RegularExpression(GoDuration.Pattern)]
    [DefaultValue("10m")]
    [Description("How often the Receiver re-reads its Secret and refreshes its webhook path.")]
    [JsonPropertyName("interval")]
    public GoDuration? Interval { get; init; }

    [Description("Event types to act on, e.g. 'push' for GitHub or 'Push Hook' for GitLab; all events when empty.")]
    [JsonPropertyName("events")]
    public IReadOnlyList<string>? Events { get; init; }

    [Required]
    [Description("The Flux objects whose reconciliation a verified webhook requests.")]
    [JsonPropertyName("resources")]
    public IReadOnlyList<ReceiverResource> Resources { get; init; } = [];

    [Description("CEL expression over 'res' (the object) and 'req' (the request body), plus 'claims' for generic-oidc; objects for which it is false are skipped.")]
    [JsonPropertyName("resourceFilter")]
    public string? ResourceFilter { get; init; }

    [Description("Secret holding the 'token' that authenticates calls and names the webhook path (gcr also reads 'email' and 'audience'); required for every type except generic-oidc, which must not set it.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("OIDC issuers trusted by a generic-oidc Receiver; the one matching a token's issuer verifies it. Only allowed for generic-oidc, which needs at least one.")]
    [JsonPropertyName("oidcProviders")]
    public IReadOnlyList<ReceiverOidcProvider>? OidcProviders { get; init; }

    [Description("When true, incoming webhooks are ignored until resumed.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }
}

/// <summary>One target of a Receiver, with an optional CEL filter of its own.</summary>
public sealed record ReceiverResource
{
    [Description("API version of the referenced objects.")]
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [Required]
    [AllowedValues(
        "Bucket", "GitRepository", "Kustomization", "HelmRelease", "HelmChart", "HelmRepository", "ImageRepository",
        "ImagePolicy", "ImageUpdateAutomation", "OCIRepository", "ArtifactGenerator", "ExternalArtifact")]
    [Description("Kind of the referenced objects.")]
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "";

    [Required]
    [MinLength(1)]
    [MaxLength(253)]
    [Description("Name of the referenced object, or '*' for every object of the kind in the namespace.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [MinLength(1)]
    [MaxLength(253)]
    [Description("Namespace of the referenced objects; the Receiver's own namespace when absent.")]
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [Description("Labels the referenced objects must all carry; only meaningful when the name is '*'.")]
    [JsonPropertyName("matchLabels")]
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    [Description("CEL expression evaluated per matched object in addition to spec.resourceFilter; both must be true for a reconcile to be requested.")]
    [JsonPropertyName("filter")]
    public string? Filter { get; init; }
}

/// <summary>An OIDC issuer a generic-oidc Receiver trusts, and the claims checks a token must pass.</summary>
public sealed record ReceiverOidcProvider
{
    [Required]
    [RegularExpression("^https?://")]
    [Description("Issuer URL used for discovery; must equal the token's 'iss' claim.")]
    [JsonPropertyName("issuerURL")]
    public string IssuerUrl { get; init; } = "";

    [Description("Expected 'aud' claim of tokens; 'notification-controller' when absent.")]
    [JsonPropertyName("audience")]
    public string? Audience { get; init; }

    [Description("Named CEL expressions over the claims, evaluated in order and exposed as 'vars.<name>' to later expressions.")]
    [JsonPropertyName("variables")]
    public IReadOnlyList<ReceiverOidcVariable>? Variables { get; init; }

    [Required]
    [MinLength(1)]
    [Description("CEL checks over the claims and variables; a request is accepted only when all are true.")]
    [JsonPropertyName("validations")]
    public IReadOnlyList<ReceiverOidcValidation> Validations { get; init; } = [];
}

/// <summary>A named CEL expression over OIDC token claims.</summary>
public sealed record ReceiverOidcVariable
{
    [Required]
    [Description("Variable name, a valid CEL identifier.")]
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [Required]
    [Description("CEL expression giving the variable's value.")]
    [JsonPropertyName("expression")]
    public string Expression { get; init; } = "";
}

/// <summary>A CEL check a token's claims must satisfy, and the message returned when it does not.</summary>
public sealed record ReceiverOidcValidation
{
    [Required]
    [Description("CEL expression that must evaluate to true.")]
    [JsonPropertyName("expression")]
    public string Expression { get; init; } = "";

    [Required]
    [Description("Message returned to the caller when the expression is false.")]
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";
}

/// <summary>What the last reconcile of a Receiver observed, including the webhook path it serves.</summary>
public sealed record ReceiverStatus : IFluxStatus
{
    [DefaultValue(-1L)]
    [Description("The generation of the spec that the status describes.")]
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [Description("Ready, Reconciling and Stalled conditions of the Receiver.")]
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [Description("The path the webhook is served at: '/hook/' followed by the hex SHA-256 of token, name and namespace.")]
    [JsonPropertyName("webhookPath")]
    public string? WebhookPath { get; init; }

    [Description("The last reconcile request annotation value that was handled.")]
    [JsonPropertyName("lastHandledReconcileAt")]
    public string? LastHandledReconcileAt { get; init; }
}
