using Fleet.Actors.Kube;
using Fleet.Actors.Notification;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Api;
using k8s;

namespace Fleet.Node.Hosting;

/// <summary>
/// Runs one list-and-watch loop per Flux kind: a reconciled kind's objects feed this node's shard regions; a static kind's
/// (Provider, Alert) fill the node's alerting cache and lose the finalizer earlier versions of Fleet put on them.
/// </summary>
public sealed class ObjectWatchService(
    IKubernetes client, IObjectApi api, ShardRegions regions, NotificationObjects notifications, WatchSync sync, ILogger<ObjectWatchService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await regions.Started.WaitAsync(stoppingToken);
        logger.LogInformation("watching Flux objects at {Server}", client.BaseUri);
        await Task.WhenAll(FluxKinds.All.Select(kind =>
            new ObjectWatchLoop(client, kind, RouteFor(kind), logger) { Listed = () => sync.Listed(kind.Kind) }.RunAsync(stoppingToken)));
    }

    private Action<IWithObjectKey> RouteFor(FluxKind kind)
    {
        if (kind.Reconciled)
        {
            return message => regions.Tell(message);
        }
        var release = new LegacyFinalizerRelease(api, kind, logger);
        return message =>
        {
            release.Observe(message);
            notifications.Observe(message);
        };
    }
}
