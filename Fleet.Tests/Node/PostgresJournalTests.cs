using Fleet.Actors.Persistence;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Entities;
using Fleet.Tests.Cluster;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Tests.Node;

/// <summary>A node on a real PostgreSQL journal: entities persist there, and a new node resumes them.</summary>
public sealed class PostgresJournalTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task EntitiesPersistToPostgresAndResumeOnTheNextNode()
    {
        var recorder = new EntityActivityRecorder();
        var keys = Enumerable.Range(0, 5).Select(i => new ObjectKey("Kustomization", "flux-system", $"app-{i}")).ToList();
        var revisions = new Dictionary<ObjectKey, string?>();

        await using (var first = await StartNode(recorder, "first"))
        {
            var regions = first.Services.GetRequiredService<ShardRegions>();
            foreach (var key in keys)
            {
                regions.Tell(new EntityCommands.ObserveObject(key, TestObjects.GitRepository(key.Namespace, key.Name, interval: "10m")));
            }
            await Eventually.True(() => keys.All(k => recorder.Runs.Any(r => r.Key == k)), TimeSpan.FromSeconds(60), () => "every entity reconciled on the first node");
            foreach (var key in keys)
            {
                var reply = await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), TimeSpan.FromSeconds(10));
                Assert.Equal("rev-1", reply.State.LastRevision);
                revisions[key] = reply.State.LastRevision;
            }
            await first.StopAsync();
        }

        Assert.True(await _postgres.CountRowsAsync("journal") >= 2 * keys.Count, "entity events are in the journal table");
        Assert.True(await _postgres.CountRowsAsync("sharding_journal") > 0, "remembered entities are in sharding's own table");

        await using var second = await StartNode(recorder, "second");
        // Remembered entities restart by themselves on the new node and reconcile from their stored state.
        await Eventually.True(() => keys.All(k => recorder.Runs.Any(r => r.Key == k && r.Node == "second")), TimeSpan.FromSeconds(60), () => "every entity resumed on the second node");
        foreach (var key in keys)
        {
            var run = recorder.Runs.First(r => r.Key == key && r.Node == "second");
            Assert.Equal(revisions[key], run.PreviousRevision);
        }
        await second.StopAsync();
    }

    private async Task<WebApplication> StartNode(EntityActivityRecorder recorder, string name)
    {
        var settings = TestNodes.Settings with { Journal = JournalKind.Postgres, JournalConnection = _postgres.ConnectionString };
        return await TestNodes.StartAsync(settings, new RecordingReconciler.Catalog(recorder, name));
    }
}
