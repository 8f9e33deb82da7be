using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Notification;
using Fleet.Actors.Notification.Providers;
using Fleet.Messages.Api.Notification;
using static Fleet.Tests.Notification.NotificationSamples;

namespace Fleet.Tests.Notification;

/// <summary>Each provider type's request for a Kustomization failure, built directly: URL, headers, body shape and signature.</summary>
public sealed class ProviderPayloadTests
{
    private static readonly Notifiers All = new(new NotifierEndpoints { TelegramApi = "http://127.0.0.1:1", BitbucketApi = "http://127.0.0.1:1/2.0" });

    private static FluxEvent Forwarded(FluxEvent @event) => EventMetadata.Combine(@event, new AlertSpec(), out _);

    private static ProviderRequest Single(string type, ProviderSettings settings, FluxEvent? @event = null) =>
        Assert.Single(All.For(type).Requests(Forwarded(@event ?? Failure()), settings));

    [Fact]
    public void GenericHmacSignsTheExactBodyWithTheToken()
    {
        var request = Single(ProviderTypes.GenericHmac, Settings(ProviderTypes.GenericHmac, "http://127.0.0.1:1/hook", token: "s3cret"));

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(request.Body)));
        Assert.Contains(request.Headers, h => h.Key == "X-Signature" && h.Value == "sha256=" + expected);
        Assert.Contains(request.Headers, h => h.Key == "gotk-component" && h.Value == "kustomize-controller");
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("Kustomization", (string?)body["involvedObject"]!["kind"]);
        Assert.Equal("error", (string?)body["severity"]);
        Assert.Equal("2026-12-08T03:20:49Z", (string?)body["timestamp"]);
        Assert.Equal(Revision, (string?)body["metadata"]!["revision"]);
        Assert.Equal("node-1", (string?)body["reportingInstance"]);
    }

    [Fact]
    public void GenericHmacWithoutTokenIsRefused() =>
        Assert.Throws<ProviderRefusedException>(() => Single(ProviderTypes.GenericHmac, Settings(ProviderTypes.GenericHmac, "http://127.0.0.1:1/hook")));

    [Fact]
    public void SlackPostsOneAttachmentColouredBySeverity()
    {
        var request = Single(ProviderTypes.Slack, Settings(ProviderTypes.Slack, "http://127.0.0.1:1/services/x", token: "xoxb", channel: "#deploys"));

        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("#deploys", (string?)body["channel"]);
        Assert.Equal("kustomize-controller", (string?)body["username"]);
        var attachment = body["attachments"]![0]!;
        Assert.Equal("danger", (string?)attachment["color"]);
        Assert.Equal("kustomization/apps.flux-system", (string?)attachment["author_name"]);
        Assert.Equal("kustomization/apps.flux-system: kustomize build failed: missing resource", (string?)attachment["fallback"]);
        Assert.Equal("revision", (string?)attachment["fields"]![0]!["title"]);
        Assert.Contains(request.Headers, h => h.Key == "Authorization" && h.Value == "Bearer xoxb");
    }

    [Fact]
    public void DiscordGoesToTheSlackCompatibleEndpoint() =>
        Assert.Equal("/api/webhooks/1/t/slack", Single(ProviderTypes.Discord, Settings(ProviderTypes.Discord, "http://127.0.0.1:1/api/webhooks/1/t")).Url.AbsolutePath);

    [Fact]
    public void GitHubCommitStatusGoesToTheRevisionsCommit()
    {
        var request = Single(ProviderTypes.GitHub, Settings(ProviderTypes.GitHub, "http://127.0.0.1:1/org/repo.git", token: "ghp"));

        Assert.Equal("/api/v3/repos/org/repo/statuses/0123456789abcdef0123456789abcdef01234567", request.Url.AbsolutePath);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("failure", (string?)body["state"]);
        Assert.Equal("build failed", (string?)body["description"]);
        Assert.Equal("kustomization/apps/5d3b7a9e", (string?)body["context"]);
        Assert.Contains(request.Headers, h => h.Key == "Authorization" && h.Value == "Bearer ghp");
    }

    [Fact]
    public void GitLabCommitStatusUsesTheEncodedProjectAndPrivateToken()
    {
        var request = Single(ProviderTypes.GitLab, Settings(ProviderTypes.GitLab, "http://127.0.0.1:1/group/sub/repo", token: "glpat"), Recovery());

        Assert.Equal("/api/v4/projects/group%2Fsub%2Frepo/statuses/0123456789abcdef0123456789abcdef01234567", request.Url.AbsolutePath);
        Assert.Equal("success", (string?)JsonNode.Parse(request.Body)!["state"]);
        Assert.Contains(request.Headers, h => h.Key == "PRIVATE-TOKEN" && h.Value == "glpat");
    }

    [Fact]
    public void CommitStatusSkipsProgressingAndRefusesAnEventWithoutRevision()
    {
        var progressing = Failure() with { Reason = "Progressing", Metadata = null };
        Assert.Empty(All.For(ProviderTypes.GitHub).Requests(progressing, Settings(ProviderTypes.GitHub, "https://github.com/org/repo", token: "t")));
        Assert.Throws<ProviderRefusedException>(() => All.For(ProviderTypes.GitHub).Requests(Failure() with { Metadata = null }, Settings(ProviderTypes.GitHub, "https://github.com/org/repo", token: "t")));
    }

    [Fact]
    public void BitbucketServerPostsABuildStatusWithAtlassianHeaders()
    {
        var request = Single(ProviderTypes.BitbucketServer, Settings(ProviderTypes.BitbucketServer, "http://127.0.0.1:1/ctx/scm/proj/repo.git", token: "bb"));

        Assert.Equal("/ctx/rest/api/latest/projects/proj/repos/repo/commits/0123456789abcdef0123456789abcdef01234567/builds", request.Url.AbsolutePath);
        Assert.Contains(request.Headers, h => h.Key == "x-atlassian-token" && h.Value == "no-check");
        Assert.Equal("FAILED", (string?)JsonNode.Parse(request.Body)!["state"]);
    }

    [Fact]
    public void AzureDevOpsPostsToTheRepositoryCommitWithBasicPat()
    {
        var request = Single(ProviderTypes.AzureDevOps, Settings(ProviderTypes.AzureDevOps, "http://127.0.0.1:1/org/proj/_git/repo", token: "pat"));

        Assert.Equal("/org/proj/_apis/git/repositories/repo/commits/0123456789abcdef0123456789abcdef01234567/statuses", request.Url.AbsolutePath);
        Assert.Equal("error", (string?)JsonNode.Parse(request.Body)!["state"]);
        Assert.Contains(request.Headers, h => h.Key == "Authorization" && h.Value == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":pat")));
    }

    [Fact]
    public void TelegramEscapesMarkdownAndTargetsTheThread()
    {
        var request = Single(ProviderTypes.Telegram, Settings(ProviderTypes.Telegram, "", token: "123:abc", channel: "-100:7"));

        Assert.Equal("/bot123:abc/sendMessage", request.Url.AbsolutePath);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("-100", (string?)body["chat_id"]);
        Assert.Equal("7", (string?)body["message_thread_id"]);
        Assert.StartsWith("*🚨 kustomization/apps/flux\\-system*", (string?)body["text"]);
    }

    [Fact]
    public void PagerDutyTriggersOnErrorAndResolvesWithAChangeEventOnRecovery()
    {
        var settings = Settings(ProviderTypes.PagerDuty, "http://127.0.0.1:1/anything", channel: "routing");
        var trigger = Single(ProviderTypes.PagerDuty, settings);
        Assert.Equal("/v2/enqueue", trigger.Url.AbsolutePath);
        Assert.Equal("trigger", (string?)JsonNode.Parse(trigger.Body)!["event_action"]);
        Assert.Equal("build failed: kustomization/apps", (string?)JsonNode.Parse(trigger.Body)!["payload"]!["summary"]);

        var recovery = All.For(ProviderTypes.PagerDuty).Requests(Forwarded(Recovery()), settings);
        Assert.Equal(["/v2/enqueue", "/v2/change/enqueue"], recovery.Select(r => r.Url.AbsolutePath));
        Assert.Equal("resolve", (string?)JsonNode.Parse(recovery[0].Body)!["event_action"]);
    }

    [Fact]
    public void AlertmanagerLabelsTheAlertWithObjectAndReason()
    {
        var alert = JsonNode.Parse(Single(ProviderTypes.AlertManager, Settings(ProviderTypes.AlertManager, "http://127.0.0.1:1/api/v2/alerts")).Body)![0]!;
        Assert.Equal("FluxKustomizationBuildfailed", (string?)alert["labels"]!["alertname"]);
        Assert.Equal("firing", (string?)alert["status"]);
        Assert.Equal("2026-12-08T03:20:49Z", (string?)alert["startsAt"]);
    }

    [Fact]
    public void MatrixPutsWithATransactionIdFromTheEvent()
    {
        var request = Single(ProviderTypes.Matrix, Settings(ProviderTypes.Matrix, "http://127.0.0.1:1", token: "mx", channel: "!room:example"));
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.StartsWith("/_matrix/client/r0/rooms/!room:example/send/m.room.message/", Uri.UnescapeDataString(request.Url.AbsolutePath));
    }

    [Theory]
    [InlineData(ProviderTypes.MSTeams)]
    [InlineData(ProviderTypes.GoogleChat)]
    [InlineData(ProviderTypes.Webex)]
    [InlineData(ProviderTypes.Lark)]
    [InlineData(ProviderTypes.Rocket)]
    [InlineData(ProviderTypes.Otel)]
    public void MessageTypesCarryTheEventMessage(string type) =>
        Assert.Contains("kustomize build failed: missing resource", Single(type, Settings(type, "http://127.0.0.1:1/hook", token: "t", channel: "room")).Body);

    [Theory]
    [InlineData(ProviderTypes.GooglePubSub)]
    [InlineData(ProviderTypes.AzureEventHub)]
    [InlineData(ProviderTypes.Nats)]
    public void NonHttpTypesAreRefusedWithAReason(string type)
    {
        var refused = Assert.Throws<ProviderRefusedException>(() => Single(type, Settings(type, "nats://127.0.0.1:4222")));
        Assert.Contains("not supported by Fleet", refused.Message);
    }

    [Fact]
    public void EveryTypeInFluxsEnumHasANotifier()
    {
        var types = typeof(ProviderTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.All(types, type => Assert.NotNull(All.For(type)));
    }

    [Fact]
    public void ReasonsSplitIntoWordsAsFluxDoes()
    {
        Assert.Equal(["Health", "Check", "Failed"], ProviderText.SplitCamelCase("HealthCheckFailed"));
        Assert.Equal(["DNS", "Error"], ProviderText.SplitCamelCase("DNSError"));
    }
}
