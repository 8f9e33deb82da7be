using System.Globalization;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// The <c>reconcile.fluxcd.io/requestedAt</c> value a receiver writes: the time as Go's Time.String prints it
/// (<c>2006-01-02 15:04:05.999999999 +0000 UTC</c>), without the monotonic reading Flux's process-local clock appends.
/// </summary>
public static class ReconcileRequestedAt
{
    public static string Format(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + " +0000 UTC";
    }
}
