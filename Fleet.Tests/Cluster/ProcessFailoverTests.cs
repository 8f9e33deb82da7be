using Fleet.Tests.Support;
using Xunit.Abstractions;

namespace Fleet.Tests.Cluster;

/// <summary>
/// Three `fleet node` processes on one PostgreSQL journal; one is killed with SIGKILL. Every object it hosted runs
/// again on a survivor within the failover promise, resumes from its persisted state, and applies the next commit.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ProcessFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kustomizations = 30;

    /// <summary>Fleet promises 15 s at p99 (README "Failover"; bench/README.md has the figures); 5 s more for a loaded CI machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(Kustomizations);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AKilledNodesObjectsRunOnASurvivorWithinTheBoundAndApplyTheNextCommit()
    {
        await _cluster.WaitUpAsync(TimeSpan.FromSeconds(150));
        await _cluster.WaitAppliedAsync(_cluster.Revision, TimeSpan.FromSeconds(120));
        // The node hosting most objects; the oldest node (the shard coordinator's home) is the worst case and often this one.
        var victim = _cluster.Nodes.MaxBy(n => _cluster.HostedBy(n).Count)!;
        Assert.NotEmpty(_cluster.HostedBy(victim));

        var failover = await _cluster.KillAndMeasureAsync(victim, TimeSpan.FromSeconds(60));
        output.WriteLine($"{failover.Objects} objects of {failover.Node} ran on survivors {failover.Elapsed.TotalSeconds:F1} s after kill -9");
        var revision = await _cluster.PushAsync();
        await _cluster.WaitAppliedAsync(revision, TimeSpan.FromSeconds(60));

        Assert.True(failover.Elapsed < Bound, $"failover took {failover.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(_cluster.Overlaps());
    }
}
