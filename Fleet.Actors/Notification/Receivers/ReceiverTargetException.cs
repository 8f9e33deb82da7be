namespace Fleet.Actors.Notification.Receivers;

/// <summary>A Receiver resource that names no object Fleet can request a reconcile of, in Flux's words.</summary>
public sealed class ReceiverTargetException(string message) : Exception(message);
