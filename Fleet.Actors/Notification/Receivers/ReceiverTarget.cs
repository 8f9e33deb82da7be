using Fleet.Messages;
using Fleet.Messages.Api;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>One object a verified call asks to reconcile, with the API group and version it is addressed by.</summary>
public sealed record ReceiverTarget(FluxKind Kind, string Group, string Version, string Namespace, string Name)
{
    public ObjectKey Key => new(Kind.Kind, Namespace, Name);

    public override string ToString() => $"{Kind.Kind}/{Name}.{Namespace}";
}
