namespace Fleet.Actors.Notification.Receivers;

/// <summary>The Ready reasons of notification-controller's Receiver reconciler beyond the generic ones.</summary>
public static class ReceiverReasons
{
    public const string TokenNotFound = "TokenNotFound";
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>The prefix of a terminal configuration error's message.</summary>
    public const string TerminalPrefix = "Reconciliation failed terminally due to configuration error";
}
