using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Cluster;
using Fleet.Actors.Notification;
using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using Fleet.Messages.Entities;
using Fleet.Node.Hosting;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using static Fleet.Tests.Notification.NotificationSamples;

namespace Fleet.Tests.Notification;

/// <summary>
/// Three nodes sharing a journal: a Kustomization fails on one node while the sink refuses its alert; that node dies; the
/// entity starts on a survivor with the alert still pending and the survivor delivers it, once.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class AlertFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fleet-alerts-").FullName;
    private readonly List<WebApplication> _nodes = [];
    private readonly List<AlertDispatcher> _dispatchers = [];
    private readonly NotificationObjects _objects = new();
    private readonly ProviderSender _sender = new();
    private HttpSink _sink = null!;

    public async Task InitializeAsync() => _sink = await HttpSink.StartAsync();

    public async Task DisposeAsync()
    {
        await TestNodes.StopAllAsync(_nodes, output.WriteLine);
        _sender.Dispose();
        await _sink.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task AnUndeliveredAlertArrivesOnceFromASurvivorAfterItsNodeDies()
    {
        _objects.Put(Provider("hook", ProviderTypes.Generic, _sink.Url + "/hook"));
        _objects.Put(Alert("failures", "hook", EventSeverities.Error));
        _sink.Refuse(-1);
        var first = await StartNode([]);
        var seed = $"127.0.0.1:{SystemOf(first).Provider.DefaultAddress.Port}";
        var second = await StartNode([seed]);
        var third = await StartNode([seed]);
        await Eventually.True(() => AllUp(3, first, second, third), TimeSpan.FromSeconds(30), () => "three members Up");

        var regions = first.Services.GetRequiredService<ShardRegions>();
        var (key, victim) = await FailingEntityOffTheSeed(regions, second, third);
        var victimDispatcher = _dispatchers[_nodes.IndexOf(victim)];
        output.WriteLine($"{key} failed on {SystemOf(victim).Provider.DefaultAddress}; its alert is refused");

        await SystemOf(victim).Terminate();
        var survivors = new[] { first, second, third }.Where(n => n != victim).ToArray();
        await Eventually.True(() => AllUp(2, survivors), TimeSpan.FromSeconds(30), () => "the victim downed by the survivors");
        _sink.Accept();

        await Eventually.True(() => DeliveredFor(key) >= 1, TimeSpan.FromSeconds(40), () => $"the alert for {key} delivered after the failover");
        // Once the entity has persisted the delivery nothing can send it again: the only other node that held it is dead.
        await Eventually.True(
            async () => (await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10))).State.PendingAlerts.IsEmpty,
            TimeSpan.FromSeconds(20),
            () => "the delivered alert removed from the entity's state");
        var delivered = Assert.Single(_sink.Requests, r => IsFor(r, key));
        Assert.Equal("error", (string?)JsonNode.Parse(delivered.Body)!["severity"]);
        Assert.Equal(0, victimDispatcher.Counters.Count(NotificationCounters.Delivered, "flux-system/hook"));
        var reply = await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10));
        Assert.NotEqual(SystemOf(victim).Provider.DefaultAddress.ToString(), reply.NodeAddress);
    }

    /// <summary>A failing Kustomization whose entity lives on the second or third node, once its first alert was refused.</summary>
    private async Task<(ObjectKey Key, WebApplication Node)> FailingEntityOffTheSeed(ShardRegions regions, params WebApplication[] candidates)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var key = new ObjectKey("Kustomization", "flux-system", $"apps-{attempt}");
            var refusedBefore = _sink.Refused;
            regions.Tell(new EntityCommands.ObserveObject(key, TestObjects.GitRepository(key.Namespace, key.Name, interval: "1h")));
            await Eventually.True(() => _sink.Refused > refusedBefore, TimeSpan.FromSeconds(20), () => $"{key}'s alert attempted");
            var reply = await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10));
            Assert.Single(reply.State.PendingAlerts);
            if (candidates.FirstOrDefault(n => SystemOf(n).Provider.DefaultAddress.ToString() == reply.NodeAddress) is { } node)
            {
                return (key, node);
            }
        }
        throw new InvalidOperationException("no failing entity landed off the seed node in 20 attempts");
    }

    private int DeliveredFor(ObjectKey key) => _sink.Requests.Count(r => IsFor(r, key));

    private static bool IsFor(HttpSink.Received request, ObjectKey key) =>
        (string?)JsonNode.Parse(request.Body)?["involvedObject"]?["name"] == key.Name;

    private async Task<WebApplication> StartNode(IReadOnlyList<string> seeds)
    {
        var dispatcher = new AlertDispatcher(
            _objects,
            new AlertDispatchSettings { FirstRetryDelay = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromSeconds(1), MaxAttempts = 1000 },
            ProviderSecrets.None,
            _sender,
            NullLogger.Instance);
        _dispatchers.Add(dispatcher);
        var settings = TestNodes.Settings with
        {
            SeedNodes = seeds,
            Journal = JournalKind.Sqlite,
            DataDir = _dataDir,
            StableAfter = TimeSpan.FromSeconds(3),
            ExtraHocon = TestNodes.FastFailureDetection,
        };
        var node = FleetNodeHost.Build(settings, new FailingCatalog(), new EntityRuntimeSettings { Alerts = dispatcher });
        await node.StartAsync();
        await node.Services.GetRequiredService<ShardRegions>().Started;
        _nodes.Add(node);
        return node;
    }

    private static ExtendedActorSystem SystemOf(WebApplication node) => (ExtendedActorSystem)node.Services.GetRequiredService<ActorSystem>();

    private static bool AllUp(int count, params WebApplication[] nodes) =>
        nodes.All(n => Akka.Cluster.Cluster.Get(SystemOf(n)).State.Members.Count(m => m.Status == MemberStatus.Up) == count);

    /// <summary>Every reconcile fails the same way, as a Kustomization whose build is broken.</summary>
    private sealed class FailingCatalog : IReconcilerCatalog, IObjectReconciler
    {
        public IObjectReconciler Create(FluxKind kind, ObjectKey key) => this;

        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(ReconcileResult.Failure(ConditionReasons.BuildFailed, "kustomize build failed: missing resource"));
    }
}
