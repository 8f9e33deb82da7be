using Fleet.Actors.Notification.Receivers;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Messages.Api;

namespace Fleet.Actors.Notification;

/// <summary>The kinds of Flux's notification-controller that Fleet reconciles (Provider and Alert are static, read from a watch cache).</summary>
public static class NotificationControllers
{
    public static ReconcilerRegistry<SourceServices> AddNotificationControllers(this ReconcilerRegistry<SourceServices> controllers) =>
        controllers
            .Add(FluxKinds.Receiver, RetryRule.Backoff, services => _ => new ReceiverReconciler(services.Kubernetes));
}
