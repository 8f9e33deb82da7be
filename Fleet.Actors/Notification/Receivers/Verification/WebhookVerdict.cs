namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>
/// What verifying a call decided: refused (with why, answered 400 as Flux does), or accepted with the event it carries;
/// an accepted call that only checks the hook (a GitHub ping) triggers nothing.
/// </summary>
public sealed record WebhookVerdict(bool Accepted, string Message, string? Event = null, bool Triggers = true)
{
    public static WebhookVerdict Refused(string message) => new(false, message);

    public static WebhookVerdict Accept(string message, string? @event = null) => new(true, message, @event);
}
