namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>A Receiver's <c>spec.events</c>: every event when empty, else only those listed, compared case-insensitively as Flux does.</summary>
public static class EventFilter
{
    public static bool Allows(IReadOnlyList<string>? events, string? @event) =>
        events is not { Count: > 0 } || events.Any(e => string.Equals(e, @event ?? "", StringComparison.OrdinalIgnoreCase));
}
