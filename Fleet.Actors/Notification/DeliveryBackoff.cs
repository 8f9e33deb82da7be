namespace Fleet.Actors.Notification;

/// <summary>The wait before a failed delivery's next attempt: doubling from the first delay up to the longest.</summary>
public static class DeliveryBackoff
{
    public static TimeSpan After(int failedAttempts, AlertDispatchSettings settings)
    {
        var doubled = settings.FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(doubled, settings.MaxRetryDelay.Ticks));
    }
}
