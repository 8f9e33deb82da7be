using Fleet.Tests.Cluster;

namespace Fleet.Bench;

/// <summary>
/// Repeated kill -9 of one of three `fleet node` processes on one PostgreSQL journal (the failover test's cluster): for
/// each kill, the time until every object the dead node hosted started a run on a survivor; then the node is restarted
/// and a commit is applied everywhere before the next kill. Prints p50 / p99 / max.
/// </summary>
public static class FailoverBench
{
    public static async Task RunAsync(int kills, int kustomizations)
    {
        await using var cluster = await ProcessCluster.StartAsync(kustomizations);
        await cluster.WaitUpAsync(TimeSpan.FromSeconds(120));
        await cluster.WaitAppliedAsync(cluster.Revision, TimeSpan.FromSeconds(180));
        var results = new List<ProcessCluster.Failover>();
        for (var kill = 0; kill < kills; kill++)
        {
            // Round robin, so the oldest node (the shard coordinators' home) is among the victims.
            var victim = cluster.Nodes[kill % cluster.Nodes.Count];
            var failover = await cluster.KillAndMeasureAsync(victim, TimeSpan.FromSeconds(90));
            results.Add(failover);
            Console.WriteLine($"kill {kill + 1}: {failover.Node} hosted {failover.Objects}; all ran on survivors after {failover.Elapsed.TotalSeconds:F1} s; load {MachineLoad.Average()}");
            var revision = await cluster.PushAsync();
            await cluster.WaitAppliedAsync(revision, TimeSpan.FromSeconds(90));
            cluster.Launch(victim);
            await cluster.WaitUpAsync(TimeSpan.FromSeconds(120));
            // Let the restarted node take its share of shards back before the next kill (rebalance-interval is 10 s).
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        var sorted = results.Select(r => r.Elapsed.TotalSeconds).Order().ToList();
        Console.WriteLine($"failover over {sorted.Count} kills, {kustomizations} Kustomizations: p50 {Percentile(sorted, 0.5):F1} s, p99 {Percentile(sorted, 0.99):F1} s, max {sorted[^1]:F1} s");
        Console.WriteLine(cluster.Overlaps() is { Count: > 0 } overlaps ? $"OVERLAPS: {string.Join("; ", overlaps)}" : "no object ran on two nodes at once");
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
