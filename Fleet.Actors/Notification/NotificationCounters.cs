using System.Collections.Concurrent;

namespace Fleet.Actors.Notification;

/// <summary>The node's alerting counters (delivered, failed attempts, given up, refused, duplicates), ready for a metrics endpoint.</summary>
public sealed class NotificationCounters
{
    private readonly ConcurrentDictionary<(string Counter, string Provider), long> _counts = new();

    public const string Delivered = "delivered";
    public const string FailedAttempts = "failed_attempts";
    public const string GivenUp = "given_up";
    public const string Refused = "refused";
    public const string Duplicates = "duplicates";

    /// <summary>Adds one to <paramref name="counter"/> for the Provider <c>namespace/name</c> (empty for node-wide counts).</summary>
    public void Add(string counter, string provider = "") => _counts.AddOrUpdate((counter, provider), 1, (_, n) => n + 1);

    public long Count(string counter, string provider = "") => _counts.GetValueOrDefault((counter, provider));

    /// <summary>Every counter with its Provider and value, for an exporter.</summary>
    public IReadOnlyList<(string Counter, string Provider, long Value)> Snapshot() =>
        [.. _counts.Select(c => (c.Key.Counter, c.Key.Provider, c.Value)).OrderBy(c => c.Counter, StringComparer.Ordinal).ThenBy(c => c.Provider, StringComparer.Ordinal)];
}
