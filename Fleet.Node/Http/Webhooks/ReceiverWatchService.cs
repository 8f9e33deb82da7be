using Fleet.Actors.Kube;
using Fleet.Actors.Notification.Receivers;
using Fleet.Messages.Api;
using k8s;

namespace Fleet.Node.Http.Webhooks;

/// <summary>
/// Keeps this node's <see cref="ReceiverIndex"/> current from a watch on Receivers, so every node answers every webhook
/// whichever node's entity reconciles the Receiver. A node without an API server has no Receivers.
/// </summary>
public sealed class ReceiverWatchService(IServiceProvider services, ReceiverIndex index, ILogger<ReceiverWatchService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        services.GetService<IKubernetes>() is { } client
            ? new ObjectWatchLoop(client, FluxKinds.Receiver, index.Observe, logger).RunAsync(stoppingToken)
            : Task.CompletedTask;
}
