using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Api.Notification;

/// <summary>Where and how alerts are delivered (notification.toolkit.fluxcd.io/v1beta3); a static object, never reconciled.</summary>
[Description("A Provider describes a destination for Flux events, such as a chat channel, a commit status API or a generic webhook.")]
public sealed record Provider : FluxObject<ProviderSpec, ProviderStatus>;

/// <summary>The destination's type, address and credentials.</summary>
public sealed record ProviderSpec
{
    [Required]
    [AllowedValues(
        ProviderTypes.Slack, ProviderTypes.Discord, ProviderTypes.MSTeams, ProviderTypes.Rocket, ProviderTypes.Generic,
        ProviderTypes.GenericHmac, ProviderTypes.GitHub, ProviderTypes.GitLab, ProviderTypes.Gitea,
        ProviderTypes.GiteaPullRequestComment, ProviderTypes.BitbucketServer, ProviderTypes.Bitbucket, ProviderTypes.AzureDevOps,
        ProviderTypes.GoogleChat, ProviderTypes.GooglePubSub, ProviderTypes.Webex, ProviderTypes.Sentry, ProviderTypes.AzureEventHub,
        ProviderTypes.Telegram, ProviderTypes.Lark, ProviderTypes.Matrix, ProviderTypes.Opsgenie, ProviderTypes.AlertManager,
        ProviderTypes.Grafana, ProviderTypes.GitHubDispatch, ProviderTypes.GitHubPullRequestComment,
        ProviderTypes.GitLabMergeRequestComment, ProviderTypes.PagerDuty, ProviderTypes.DataDog, ProviderTypes.Nats,
        ProviderTypes.Zulip, ProviderTypes.Otel, ProviderTypes.Zoom, ProviderTypes.IncidentIo)]
    [Description("Which delivery implementation to use.")]
    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [RegularExpression(GoDuration.Pattern)]
    [Description("Deprecated and ignored: Providers are static and have no reconcile interval.")]
    [JsonPropertyName("interval")]
    public GoDuration? Interval { get; init; }

    [MaxLength(2048)]
    [Description("Channel, room or topic the events are posted to.")]
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [MaxLength(2048)]
    [Description("Name the events are posted under.")]
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [MaxLength(2048)]
    [Description("Endpoint the events go to; a URL for webhook types, a project, repository or namespace for others.")]
    [JsonPropertyName("address")]
    public string? Address { get; init; }

    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ms|s|m))+$")]
    [Description("Time limit for delivering one event; 15s when absent.")]
    [JsonPropertyName("timeout")]
    public GoDuration? Timeout { get; init; }

    [MaxLength(2048)]
    [RegularExpression("^(http|https)://.*$")]
    [Description("Deprecated: HTTP/S proxy address; use proxySecretRef instead.")]
    [JsonPropertyName("proxy")]
    public string? Proxy { get; init; }

    [Description("Secret with the proxy 'address' and optional 'username' and 'password'.")]
    [JsonPropertyName("proxySecretRef")]
    public LocalObjectReference? ProxySecretRef { get; init; }

    [Description("Secret with the credentials of the destination, such as 'address', 'token', 'username', 'password' or 'headers'.")]
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [Description("ServiceAccount whose workload identity authenticates to cloud services (azureeventhub, azuredevops, googlepubsub); excludes static credentials in secretRef.")]
    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [Description("Secret with TLS material: 'ca.crt' to trust the server, 'tls.crt' and 'tls.key' for a client certificate.")]
    [JsonPropertyName("certSecretRef")]
    public LocalObjectReference? CertSecretRef { get; init; }

    [Description("When true, no events are delivered through this Provider.")]
    [JsonPropertyName("suspend")]
    public bool? Suspend { get; init; }

    [Description("CEL expression over 'event', 'provider' and 'alert' that yields the commit status text; commit-status types only.")]
    [JsonPropertyName("commitStatusExpr")]
    public string? CommitStatusExpr { get; init; }
}

/// <summary>
/// Flux's v1beta3 Provider has no status: it is a static object that nothing reconciles.
/// This empty record only fills the status slot of <see cref="FluxObject{TSpec,TStatus}"/> and stays absent.
/// </summary>
public sealed record ProviderStatus;
