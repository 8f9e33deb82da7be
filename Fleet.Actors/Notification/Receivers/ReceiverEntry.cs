using Fleet.Messages;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>A Receiver as the webhook server last saw it: its spec, and whether it is Ready to serve.</summary>
public sealed record ReceiverEntry(ObjectKey Key, ReceiverSpec Spec, bool Ready)
{
    public bool Suspended => Spec.Suspend == true;
}
