using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Notification;
using Fleet.Actors.Notification.Providers;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using Fleet.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static Fleet.Tests.Notification.NotificationSamples;

namespace Fleet.Tests.Notification;

/// <summary>
/// A node's dispatcher delivering a Kustomization's failure and recovery to real HTTP sinks on loopback: exact bodies, headers
/// and signatures, severity and exclusion filters, duplicates, retries, and a failing Provider that holds up no other.
/// </summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private readonly NotificationObjects _objects = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _secrets = [];
    private readonly ProviderSender _sender = new();
    private HttpSink _sink = null!;

    public async Task InitializeAsync() => _sink = await HttpSink.StartAsync();

    public async Task DisposeAsync()
    {
        _sender.Dispose();
        await _sink.DisposeAsync();
    }

    private AlertDispatcher Dispatcher(TimeProvider? clock = null) => new(
        _objects,
        new AlertDispatchSettings
        {
            Clock = clock ?? TimeProvider.System,
            FirstRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            MaxAttempts = 5,
            Endpoints = new NotifierEndpoints { GitHubApi = _sink.Url },
        },
        (ns, name, _) => Task.FromResult(_secrets.GetValueOrDefault($"{ns}/{name}")),
        _sender,
        NullLogger.Instance);

    private static async Task DeliverAllAsync(AlertDispatcher dispatcher, FluxEvent @event)
    {
        foreach (var pending in dispatcher.Accept(@event, null))
        {
            await dispatcher.DeliverAsync(pending, CancellationToken.None);
        }
    }

    [Fact]
    public async Task GenericHmacReceivesFailureAndRecoverySignedWithTheToken()
    {
        _secrets["flux-system/hmac"] = new Dictionary<string, string> { ["token"] = "s3cret", ["headers"] = "X-Team: platform\n" };
        _objects.Put(Provider("hook", ProviderTypes.GenericHmac, _sink.Url + "/hook", secret: new LocalObjectReference { Name = "hmac" }));
        _objects.Put(Alert("all", "hook"));
        var dispatcher = Dispatcher();

        await DeliverAllAsync(dispatcher, Failure());
        await DeliverAllAsync(dispatcher, Recovery());

        var received = _sink.Requests.ToList();
        Assert.Equal(2, received.Count);
        foreach (var request in received)
        {
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(request.Body)));
            Assert.Equal("sha256=" + expected, request.Headers["X-Signature"]);
            Assert.Equal("kustomize-controller", request.Headers["gotk-component"]);
            Assert.Equal("platform", request.Headers["X-Team"]);
            Assert.StartsWith("application/json", request.Headers["Content-Type"]);
            Assert.Equal("/hook", request.PathAndQuery);
        }
        var failure = JsonNode.Parse(received[0].Body)!;
        Assert.Equal("error", (string?)failure["severity"]);
        Assert.Equal(ConditionReasons.BuildFailed, (string?)failure["reason"]);
        Assert.Equal(Revision, (string?)failure["metadata"]!["revision"]);
        var recovery = JsonNode.Parse(received[1].Body)!;
        Assert.Equal("info", (string?)recovery["severity"]);
        Assert.Equal("update", (string?)recovery["metadata"]!["commit_status"]);
        Assert.Equal(2, dispatcher.Counters.Count(NotificationCounters.Delivered, "flux-system/hook"));
    }

    [Fact]
    public async Task ErrorSeverityAlertGetsOnlyTheFailureAndExclusionDrops()
    {
        _objects.Put(Provider("slack", ProviderTypes.Slack, _sink.Url + "/slack"));
        _objects.Put(Alert("errors", "slack", EventSeverities.Error));
        _objects.Put(Alert("quiet", "slack", exclusions: [".*missing resource.*", "^Reconciliation finished"]));
        var dispatcher = Dispatcher();

        await DeliverAllAsync(dispatcher, Failure());
        await DeliverAllAsync(dispatcher, Recovery());

        var only = Assert.Single(_sink.Requests);
        var attachment = JsonNode.Parse(only.Body)!["attachments"]![0]!;
        Assert.Equal("danger", (string?)attachment["color"]);
        Assert.Equal("kustomize build failed: missing resource", (string?)attachment["text"]);
    }

    [Fact]
    public async Task CommitStatusGetsTheResultOnTheAppliedCommitAndChatSkipsTheCommitStatusUpdate()
    {
        _secrets["flux-system/gh"] = new Dictionary<string, string> { ["token"] = "ghp_x" };
        _objects.Put(Provider("github", ProviderTypes.GitHub, _sink.Url + "/org/repo", secret: new LocalObjectReference { Name = "gh" }));
        _objects.Put(Provider("chat", ProviderTypes.GoogleChat, _sink.Url + "/chat"));
        _objects.Put(Alert("status", "github"));
        _objects.Put(Alert("chat", "chat"));
        var dispatcher = Dispatcher();

        await DeliverAllAsync(dispatcher, Failure());
        await DeliverAllAsync(dispatcher, Recovery());

        var statuses = _sink.Requests.Where(r => r.PathAndQuery.Contains("/statuses/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["failure", "success"], statuses.Select(s => (string?)JsonNode.Parse(s.Body)!["state"]));
        Assert.All(statuses, s => Assert.Equal("/api/v3/repos/org/repo/statuses/0123456789abcdef0123456789abcdef01234567", s.PathAndQuery));
        Assert.All(statuses, s => Assert.Equal("Bearer ghp_x", s.Headers["Authorization"]));
        Assert.Single(_sink.Requests, r => r.PathAndQuery == "/chat");
    }

    [Fact]
    public async Task DuplicatesWithinTheIntervalAreSentOnce()
    {
        _objects.Put(Provider("hook", ProviderTypes.Generic, _sink.Url + "/hook"));
        _objects.Put(Alert("all", "hook"));
        var clock = new SkippableClock();
        var dispatcher = Dispatcher(clock);

        await DeliverAllAsync(dispatcher, Failure());
        clock.Skip(TimeSpan.FromMinutes(4));
        await DeliverAllAsync(dispatcher, Failure());
        Assert.Single(_sink.Requests);
        clock.Skip(TimeSpan.FromMinutes(1));
        await DeliverAllAsync(dispatcher, Failure());
        Assert.Equal(2, _sink.Requests.Count);
        Assert.Equal(1, dispatcher.Counters.Count(NotificationCounters.Duplicates));
    }

    [Fact]
    public async Task RefusedDeliveriesAreRetriedUntilTheSinkAccepts()
    {
        _objects.Put(Provider("hook", ProviderTypes.Generic, _sink.Url + "/hook"));
        _objects.Put(Alert("all", "hook"));
        _sink.Refuse(3);
        var dispatcher = Dispatcher();

        await DeliverAllAsync(dispatcher, Failure());

        Assert.Equal(3, _sink.Refused);
        Assert.Single(_sink.Requests);
        Assert.Equal(3, dispatcher.Counters.Count(NotificationCounters.FailedAttempts, "flux-system/hook"));
    }

    [Fact]
    public async Task AProviderThatKeepsFailingHoldsUpNoOther()
    {
        await using var broken = await HttpSink.StartAsync();
        broken.Refuse(-1);
        _objects.Put(Provider("broken", ProviderTypes.Generic, broken.Url + "/down"));
        _objects.Put(Provider("healthy", ProviderTypes.Generic, _sink.Url + "/up"));
        _objects.Put(Alert("to-broken", "broken"));
        _objects.Put(Alert("to-healthy", "healthy"));
        var dispatcher = Dispatcher();

        var deliveries = dispatcher.Accept(Failure(), null).Select(p => dispatcher.DeliverAsync(p, CancellationToken.None)).ToList();
        await Eventually.True(() => _sink.Requests.Count == 1, TimeSpan.FromSeconds(10), () => "the healthy provider received the event");
        await Task.WhenAll(deliveries);

        Assert.Equal(5, broken.Refused);
        Assert.Equal(1, dispatcher.Counters.Count(NotificationCounters.GivenUp, "flux-system/broken"));
    }

    [Fact]
    public async Task CrossNamespaceEventsAreRefusedWhenTheNodeForbidsThem()
    {
        _objects.Put(Provider("hook", ProviderTypes.Generic, _sink.Url + "/hook"));
        _objects.Put(Alert("all", "hook", sourceNamespace: "apps"));
        var dispatcher = new AlertDispatcher(_objects, new AlertDispatchSettings { NoCrossNamespaceRefs = true }, ProviderSecrets.None, _sender, NullLogger.Instance);

        await DeliverAllAsync(dispatcher, Failure(ns: "apps"));

        Assert.Empty(_sink.Requests);
        Assert.Equal(1, dispatcher.Counters.Count(NotificationCounters.Refused));
    }
}
