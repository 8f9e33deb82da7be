using System.Net;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace Fleet.Tests.Cluster;

/// <summary>The probes a pod's kubelet calls: liveness while the actor system runs, readiness once the node is Up.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task ANodeUpInItsClusterIsLiveAndReady()
    {
        await using var node = await TestNodes.StartAsync(TestNodes.Settings with { DataDir = Directory.CreateTempSubdirectory("fleet-health-").FullName }, new RecordingReconciler.Catalog(new EntityActivityRecorder(), "node"));
        using var http = new HttpClient { BaseAddress = new Uri(node.Urls.First()) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        await Eventually.True(
            async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            () => "the node ready once Up");
        Assert.Equal("ready", await http.GetStringAsync("/readyz"));
    }
}
