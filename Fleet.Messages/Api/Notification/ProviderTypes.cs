namespace Fleet.Messages.Api.Notification;

/// <summary>The destinations a Provider can post events to.</summary>
public static class ProviderTypes
{
    public const string Slack = "slack";
    public const string Discord = "discord";
    public const string MSTeams = "msteams";
    public const string Rocket = "rocket";
    public const string Generic = "generic";
    public const string GenericHmac = "generic-hmac";
    public const string GitHub = "github";
    public const string GitLab = "gitlab";
    public const string Gitea = "gitea";
    public const string GiteaPullRequestComment = "giteapullrequestcomment";
    public const string BitbucketServer = "bitbucketserver";
    public const string Bitbucket = "bitbucket";
    public const string AzureDevOps = "azuredevops";
    public const string GoogleChat = "googlechat";
    public const string GooglePubSub = "googlepubsub";
    public const string Webex = "webex";
    public const string Sentry = "sentry";
    public const string AzureEventHub = "azureeventhub";
    public const string Telegram = "telegram";
    public const string Lark = "lark";
    public const string Matrix = "matrix";
    public const string Opsgenie = "opsgenie";
    public const string AlertManager = "alertmanager";
    public const string Grafana = "grafana";
    public const string GitHubDispatch = "githubdispatch";
    public const string GitHubPullRequestComment = "githubpullrequestcomment";
    public const string GitLabMergeRequestComment = "gitlabmergerequestcomment";
    public const string PagerDuty = "pagerduty";
    public const string DataDog = "datadog";
    public const string Nats = "nats";
    public const string Zulip = "zulip";
    public const string Otel = "otel";
    public const string Zoom = "zoom";
    public const string IncidentIo = "incident.io";

    /// <summary>
    /// The types that set a commit status from an event's revision rather than post a message;
    /// only these accept <c>spec.commitStatusExpr</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> CommitStatus = new HashSet<string>(StringComparer.Ordinal)
    {
        GitHub, GitLab, Gitea, BitbucketServer, Bitbucket, AzureDevOps,
    };
}
