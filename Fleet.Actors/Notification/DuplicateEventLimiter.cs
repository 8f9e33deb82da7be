using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification;

/// <summary>
/// notification-controller's duplicate filter: one event per key per interval (5 minutes by default), the key being the involved
/// object's name, namespace and kind, the message, and the controller's originRevision, revision and token metadata.
/// </summary>
public sealed class DuplicateEventLimiter(TimeProvider clock, TimeSpan interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    /// <summary>Above this many keys, expired ones are swept, so a long-running node does not grow without bound.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _windows = new(StringComparer.Ordinal);

    /// <summary>True for the first event of its key in the interval, false for a duplicate.</summary>
    public bool TryAccept(FluxEvent @event)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > SweepAbove)
        {
            foreach (var expired in _windows.Where(w => w.Value <= now).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(expired, out _);
            }
        }
        var key = KeyOf(@event);
        var accepted = false;
        _windows.AddOrUpdate(
            key,
            _ =>
            {
                accepted = true;
                return now + interval;
            },
            (_, until) =>
            {
                accepted = until <= now;
                return accepted ? now + interval : until;
            });
        return accepted;
    }

    /// <summary>The hex SHA-256 of Flux's key string.</summary>
    public static string KeyOf(FluxEvent @event)
    {
        var involved = @event.InvolvedObject;
        var parts = new List<string> { "event", "name=" + involved.Name, "namespace=" + involved.Namespace, "kind=" + involved.Kind, "message=" + @event.Message };
        var group = involved.Group;
        foreach (var (key, label) in new[] { (EventMetadata.OriginRevisionKey, "originRevision"), (EventMetadata.RevisionKey, "revision"), (EventMetadata.TokenKey, "token") })
        {
            if (@event.Metadata?.TryGetValue($"{group}/{key}", out var value) == true)
            {
                parts.Add($"{label}={value}");
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("/", parts))));
    }
}
