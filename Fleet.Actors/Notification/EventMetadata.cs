using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Notification;

namespace Fleet.Actors.Notification;

/// <summary>
/// notification-controller's handling of an event's metadata: what the event server keeps of a posted event, what it never
/// forwards, and how an Alert's own metadata joins it (Flux RFC 0008).
/// </summary>
public static class EventMetadata
{
    public const string EventGroup = "event.toolkit.fluxcd.io";
    public const string RevisionKey = "revision";
    public const string OriginRevisionKey = "originRevision";
    public const string TokenKey = "token";
    public const string SummaryKey = "summary";
    private const string CommitKey = EventGroup + "/commit";
    private const string ChangeRequestKey = EventGroup + "/change_request";

    /// <summary>
    /// A posted event keeps only keys under <c>event.toolkit.fluxcd.io/</c> and the object's own group, without the
    /// group's checksum and digest, as notification-controller's event server does.
    /// </summary>
    public static FluxEvent CleanUp(FluxEvent @event)
    {
        var objectPrefix = @event.InvolvedObject.Group + "/";
        string[] excluded = [objectPrefix + "checksum", objectPrefix + "digest"];
        var kept = (@event.Metadata ?? new Dictionary<string, string>())
            .Where(m => !excluded.Contains(m.Key, StringComparer.OrdinalIgnoreCase)
                && (m.Key.StartsWith(EventGroup + "/", StringComparison.Ordinal) || m.Key.StartsWith(objectPrefix, StringComparison.Ordinal)));
        return @event with { Metadata = Sorted(kept) };
    }

    /// <summary>The controller's token key is internal to Flux and never reaches a provider.</summary>
    public static FluxEvent WithoutInternal(FluxEvent @event)
    {
        var tokenKey = $"{@event.InvolvedObject.Group}/{TokenKey}";
        return @event.Metadata is { } metadata && metadata.ContainsKey(tokenKey)
            ? @event with { Metadata = Sorted(metadata.Where(m => m.Key != tokenKey)) }
            : @event;
    }

    /// <summary>
    /// The event as an Alert forwards it: object annotations (<c>event.toolkit.fluxcd.io/x</c> as <c>x</c>), then the Alert's
    /// eventMetadata, then its summary, then the controller's keys (<c>&lt;group&gt;/x</c> as <c>x</c>), later ones winning;
    /// <paramref name="conflicts"/> names the keys set by more than one.
    /// </summary>
    public static FluxEvent Combine(FluxEvent @event, AlertSpec alert, out IReadOnlyList<string> conflicts)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        void Set(string key, string value)
        {
            metadata[key] = value;
            sources[key] = sources.GetValueOrDefault(key) + 1;
        }
        var original = @event.Metadata ?? new Dictionary<string, string>();
        foreach (var (key, value) in original.Where(m => m.Key.StartsWith(EventGroup + "/", StringComparison.Ordinal)))
        {
            Set(key[(EventGroup.Length + 1)..], value);
        }
        foreach (var (key, value) in alert.EventMetadata ?? new Dictionary<string, string>())
        {
            Set(key, value);
        }
        if (alert.Summary is { Length: > 0 } summary)
        {
            Set(SummaryKey, summary);
        }
        var objectPrefix = @event.InvolvedObject.Group + "/";
        foreach (var (key, value) in original.Where(m => m.Key.StartsWith(objectPrefix, StringComparison.Ordinal)))
        {
            Set(key[objectPrefix.Length..], value);
        }
        conflicts = [.. sources.Where(s => s.Value > 1).Select(s => s.Key).Order(StringComparer.Ordinal)];
        return metadata.Count > 0 ? @event with { Metadata = metadata } : @event;
    }

    /// <summary>The successful run's event that only commit-status and generic providers receive.</summary>
    public static bool IsCommitStatusUpdate(FluxEvent @event) =>
        @event.Metadata?.GetValueOrDefault($"{@event.InvolvedObject.Group}/commit_status") == FluxEventMetadata.CommitStatusUpdate;

    /// <summary>An event that names its commit through the object's <c>event.toolkit.fluxcd.io/commit</c> annotation.</summary>
    public static bool HasCommitKey(FluxEvent @event) => @event.Metadata?.GetValueOrDefault(CommitKey) is { Length: > 0 };

    /// <summary>An event that names its pull or merge request through the object's <c>event.toolkit.fluxcd.io/change_request</c> annotation.</summary>
    public static bool HasChangeRequestKey(FluxEvent @event) => @event.Metadata?.GetValueOrDefault(ChangeRequestKey) is { Length: > 0 };

    private static SortedDictionary<string, string>? Sorted(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var sorted = new SortedDictionary<string, string>(entries.ToDictionary(), StringComparer.Ordinal);
        return sorted.Count == 0 ? null : sorted;
    }
}
