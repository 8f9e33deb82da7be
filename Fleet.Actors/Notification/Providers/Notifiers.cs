using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Providers;

/// <summary>The notifier of every provider type in Flux's enum.</summary>
public sealed class Notifiers(NotifierEndpoints endpoints)
{
    private readonly Dictionary<string, INotifier> _byType = new(StringComparer.Ordinal)
    {
        [ProviderTypes.Generic] = new GenericNotifier(hmac: false),
        [ProviderTypes.GenericHmac] = new GenericNotifier(hmac: true),
        [ProviderTypes.Slack] = new SlackNotifier(SlackNotifier.Flavour.Slack),
        [ProviderTypes.Discord] = new SlackNotifier(SlackNotifier.Flavour.Discord),
        [ProviderTypes.Rocket] = new SlackNotifier(SlackNotifier.Flavour.Rocket),
        [ProviderTypes.MSTeams] = new MSTeamsNotifier(),
        [ProviderTypes.GoogleChat] = new GoogleChatNotifier(),
        [ProviderTypes.Webex] = new WebexNotifier(),
        [ProviderTypes.Telegram] = new TelegramNotifier(endpoints.TelegramApi),
        [ProviderTypes.Lark] = new LarkNotifier(),
        [ProviderTypes.Matrix] = new MatrixNotifier(),
        [ProviderTypes.Zulip] = new ZulipNotifier(),
        [ProviderTypes.Zoom] = new ZoomNotifier(),
        [ProviderTypes.IncidentIo] = new IncidentIoNotifier(),
        [ProviderTypes.PagerDuty] = new PagerDutyNotifier(),
        [ProviderTypes.Opsgenie] = new OpsgenieNotifier(),
        [ProviderTypes.DataDog] = new DataDogNotifier(),
        [ProviderTypes.Grafana] = new GrafanaNotifier(),
        [ProviderTypes.AlertManager] = new AlertmanagerNotifier(),
        [ProviderTypes.Sentry] = new SentryNotifier(),
        [ProviderTypes.Otel] = new OtelNotifier(),
        [ProviderTypes.GitHubDispatch] = new GitHubDispatchNotifier(endpoints),
        [ProviderTypes.GitHubPullRequestComment] = new ChangeRequestCommentNotifier(ProviderTypes.GitHubPullRequestComment, endpoints),
        [ProviderTypes.GitLabMergeRequestComment] = new ChangeRequestCommentNotifier(ProviderTypes.GitLabMergeRequestComment, endpoints),
        [ProviderTypes.GiteaPullRequestComment] = new ChangeRequestCommentNotifier(ProviderTypes.GiteaPullRequestComment, endpoints),
        [ProviderTypes.GitHub] = new CommitStatusNotifier(ProviderTypes.GitHub, endpoints),
        [ProviderTypes.GitLab] = new CommitStatusNotifier(ProviderTypes.GitLab, endpoints),
        [ProviderTypes.Gitea] = new CommitStatusNotifier(ProviderTypes.Gitea, endpoints),
        [ProviderTypes.Bitbucket] = new CommitStatusNotifier(ProviderTypes.Bitbucket, endpoints),
        [ProviderTypes.BitbucketServer] = new CommitStatusNotifier(ProviderTypes.BitbucketServer, endpoints),
        [ProviderTypes.AzureDevOps] = new CommitStatusNotifier(ProviderTypes.AzureDevOps, endpoints),
        [ProviderTypes.GooglePubSub] = new UnsupportedNotifier(ProviderTypes.GooglePubSub, "Google Cloud Pub/Sub's gRPC API"),
        [ProviderTypes.AzureEventHub] = new UnsupportedNotifier(ProviderTypes.AzureEventHub, "AMQP"),
        [ProviderTypes.Nats] = new UnsupportedNotifier(ProviderTypes.Nats, "the NATS protocol"),
    };

    public INotifier For(string type) =>
        _byType.TryGetValue(type, out var notifier) ? notifier : throw new ProviderRefusedException($"provider {type} not supported");
}
