using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Fleet.Actors.Persistence;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Entities;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Fleet.Tests.Cluster;

/// <summary>
/// Three nodes on loopback sharing one journal: each entity lives exactly once, never reconciles on two
/// nodes at once, and the entities of a node that dies run again on a survivor with their state intact.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ThreeNodeClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int EntityCount = 300;

    // Fast failure detection so the test sees a crash handled in seconds; production keeps Akka's defaults.
    private const string FastFailureDetection = """
        akka.cluster.failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        """;

    private readonly string _dataDir = Directory.CreateTempSubdirectory("fleet-cluster-").FullName;
    private readonly EntityActivityRecorder _recorder = new();
    private readonly List<WebApplication> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await node.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("a node did not stop within 30 s");
            }
            await node.DisposeAsync();
        }
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task EntitiesLiveOnceAndFailOverToSurvivorsWithTheirState()
    {
        var first = await StartNode("node-1", seeds: []);
        var seed = $"127.0.0.1:{SystemOf(first).Provider.DefaultAddress.Port}";
        var second = await StartNode("node-2", [seed]);
        var third = await StartNode("node-3", [seed]);
        await Eventually.True(() => AllUp(3, first, second, third), TimeSpan.FromSeconds(30), () => "three members Up");

        var regions = first.Services.GetRequiredService<ShardRegions>();
        var keys = Enumerable.Range(0, EntityCount).Select(i => new ObjectKey("GitRepository", $"team-{i % 7}", $"repo-{i}")).ToList();
        foreach (var key in keys)
        {
            regions.Tell(new EntityCommands.ObserveObject(key, TestObjects.GitRepository(key.Namespace, key.Name, interval: "20s")));
        }
        await Eventually.True(
            () => keys.All(k => _recorder.Runs.Any(r => r.Key == k)),
            TimeSpan.FromSeconds(60),
            () => $"every entity reconciled once ({_recorder.Runs.Select(r => r.Key).Distinct().Count()} of {EntityCount} did)");

        var live = _recorder.LiveInstances();
        Assert.All(keys, k => Assert.Single(live[k]));
        var perNode = live.Values.GroupBy(nodes => nodes[0]).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"entities per node: {string.Join(", ", perNode.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(3, perNode.Count);

        var victimKeys = live.Where(p => p.Value[0] == "node-3").Select(p => p.Key).ToList();
        var revisionsBefore = new Dictionary<ObjectKey, int>();
        foreach (var key in victimKeys)
        {
            var reply = await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10));
            revisionsBefore[key] = RevisionNumber(reply.State.LastRevision);
        }

        // A consumer on a survivor subscribes to a source on node-3; the subscription must outlive the move.
        var source = victimKeys[0];
        var consumer = await ConsumerOnASurvivor(regions);
        regions.Tell(new EntityCommands.Subscribe(source, consumer));
        await Eventually.True(() => RunsOf(consumer) >= 2, TimeSpan.FromSeconds(20), () => "the consumer told the current revision on subscribing");
        var consumerRunsBeforeKill = RunsOf(consumer);

        var killedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await SystemOf(third).Terminate();
        await Eventually.True(() => AllUp(2, first, second), TimeSpan.FromSeconds(30), () => "node-3 downed by the survivors");
        output.WriteLine($"survivors removed node-3 after {clock.Elapsed.TotalSeconds:F1} s");
        await Eventually.True(
            () => victimKeys.All(k => _recorder.Runs.Any(r => r.Key == k && r.Node != "node-3" && r.StartedAt > killedAt)),
            TimeSpan.FromSeconds(40),
            () => $"every entity of the stopped node reconciling on a survivor ({victimKeys.Count(k => _recorder.Runs.Any(r => r.Key == k && r.Node != "node-3" && r.StartedAt > killedAt))} of {victimKeys.Count} did)");
        clock.Stop();
        output.WriteLine($"{victimKeys.Count} entities of node-3 ran again on survivors {clock.Elapsed.TotalSeconds:F1} s after it stopped");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"failover took {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var key in victimKeys)
        {
            var firstRunAfter = _recorder.Runs.Where(r => r.Key == key && r.StartedAt > killedAt).MinBy(r => r.StartedAt)!;
            Assert.True(
                RevisionNumber(firstRunAfter.PreviousRevision) >= revisionsBefore[key],
                $"{key} resumed with revision {firstRunAfter.PreviousRevision}, had rev-{revisionsBefore[key]}");
        }
        var liveAfter = _recorder.LiveInstances();
        Assert.All(keys, k => Assert.Single(liveAfter[k]));
        Assert.DoesNotContain(liveAfter.Values, nodes => nodes.Contains("node-3"));
        // The source's first run on a survivor publishes a new revision to its persisted subscriber.
        await Eventually.True(
            () => RunsOf(consumer) > consumerRunsBeforeKill,
            TimeSpan.FromSeconds(20),
            () => "the consumer reconciling on the moved source's new revision");
        // It never moved, so nothing but the published revision made it run (its interval is an hour).
        Assert.Equal(
            _recorder.Runs.Where(r => r.Key == consumer && r.StartedAt < killedAt).Select(r => r.Node).Distinct(),
            _recorder.Runs.Where(r => r.Key == consumer).Select(r => r.Node).Distinct());
        Assert.Empty(_recorder.Violations);
    }

    private int RunsOf(ObjectKey key) => _recorder.Runs.Count(r => r.Key == key);

    /// <summary>A consumer object with an hourly interval (so it runs only when told) placed on node-1 or node-2.</summary>
    private async Task<ObjectKey> ConsumerOnASurvivor(ShardRegions regions)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var consumer = new ObjectKey("Kustomization", "flux-system", $"consumer-{attempt}");
            regions.Tell(new EntityCommands.ObserveObject(consumer, TestObjects.GitRepository(consumer.Namespace, consumer.Name, interval: "1h")));
            await Eventually.True(() => RunsOf(consumer) == 1, TimeSpan.FromSeconds(20), () => $"{consumer} reconciled once");
            if (_recorder.LiveInstances()[consumer][0] != "node-3")
            {
                return consumer;
            }
        }
        throw new InvalidOperationException("no consumer landed on node-1 or node-2 in 20 attempts");
    }

    private async Task<WebApplication> StartNode(string name, IReadOnlyList<string> seeds)
    {
        var settings = TestNodes.Settings with
        {
            SeedNodes = seeds,
            Journal = JournalKind.Sqlite,
            DataDir = _dataDir,
            StableAfter = TimeSpan.FromSeconds(3),
            ExtraHocon = FastFailureDetection,
        };
        var node = await TestNodes.StartAsync(settings, new RecordingReconciler.Catalog(_recorder, name));
        _nodes.Add(node);
        return node;
    }

    private static ExtendedActorSystem SystemOf(WebApplication node) => (ExtendedActorSystem)node.Services.GetRequiredService<ActorSystem>();

    private static bool AllUp(int count, params WebApplication[] nodes) =>
        nodes.All(n => Akka.Cluster.Cluster.Get(SystemOf(n)).State.Members.Count(m => m.Status == MemberStatus.Up) == count);

    private static int RevisionNumber(string? revision) => revision is null ? 0 : int.Parse(revision["rev-".Length..]);
}
