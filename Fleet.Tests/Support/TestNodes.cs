using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sharding;
using Fleet.Node.Configuration;
using Fleet.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Support;

/// <summary>Starts Fleet nodes in-process with the production wiring, on free ports and quiet logs.</summary>
public static class TestNodes
{
    public static NodeSettings Settings => new() { Hostname = "127.0.0.1", Port = 0, HttpPort = 0, WebhookPort = 0, MinimumLogLevel = LogLevel.Warning };

    /// <summary>Builds and starts a node; returns once its shard regions are up.</summary>
    public static Task<WebApplication> StartAsync(NodeSettings settings, IReconcilerCatalog catalog) =>
        StartAsync(FleetNodeHost.Build(settings, catalog, new EntityRuntimeSettings()));

    /// <summary>Builds and starts a node with the production reconcilers.</summary>
    public static Task<WebApplication> StartAsync(NodeSettings settings) =>
        StartAsync(FleetNodeHost.Build(settings, new EntityRuntimeSettings()));

    /// <summary>Builds and starts a node with the production reconcilers and <paramref name="runtime"/>'s settings (its clock).</summary>
    public static Task<WebApplication> StartAsync(NodeSettings settings, EntityRuntimeSettings runtime) =>
        StartAsync(FleetNodeHost.Build(settings, runtime));

    /// <summary>Builds and starts a node with the production reconcilers whose logs also go to <paramref name="logs"/>.</summary>
    public static Task<WebApplication> StartAsync(NodeSettings settings, CapturedLogs logs) =>
        StartAsync(FleetNodeHost.Build(settings, new EntityRuntimeSettings(), logging => logging.AddProvider(logs)));

    /// <summary>Failure detection fast enough for a multi-node test to see a crash handled in seconds; production keeps Akka's defaults.</summary>
    public const string FastFailureDetection = """
        akka.cluster.failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        """;

    /// <summary>Stops and disposes every node, each within 30 s; <paramref name="log"/> hears of one that did not stop in time.</summary>
    public static async Task StopAllAsync(IEnumerable<WebApplication> nodes, Action<string> log)
    {
        foreach (var node in nodes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await node.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                log("a node did not stop within 30 s");
            }
            await node.DisposeAsync();
        }
    }

    private static async Task<WebApplication> StartAsync(WebApplication node)
    {
        await node.StartAsync();
        await node.Services.GetRequiredService<ShardRegions>().Started;
        return node;
    }
}
