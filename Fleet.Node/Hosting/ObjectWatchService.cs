using Fleet.Actors.Kube;
using Fleet.Actors.Sharding;
using Fleet.Messages.Api;
using k8s;

namespace Fleet.Node.Hosting;

/// <summary>Runs one list-and-watch loop per reconciled Flux kind, feeding this node's shard regions.</summary>
public sealed class ObjectWatchService(IKubernetes client, ShardRegions regions, ILogger<ObjectWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await regions.Started.WaitAsync(stoppingToken);
        logger.LogInformation("watching Flux objects at {Server}", client.BaseUri);
        await Task.WhenAll(FluxKinds.Reconciled.Select(kind =>
            new ObjectWatchLoop(client, kind, message => regions.Tell(message), logger).RunAsync(stoppingToken)));
    }
}
