using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// The annotations Flux's event recorder (fluxcd/pkg <c>runtime/events</c>) puts on an Event: the revision under the kind's
/// API group (<c>kustomize.toolkit.fluxcd.io/revision</c>) where the controller names one, and the object's own
/// annotations prefixed <c>event.toolkit.fluxcd.io/</c>, which notification-controller forwards as event metadata; and
/// on a successful run's event the commit-status key, which marks the event a Git commit status follows.
/// </summary>
public static class FluxEventMetadata
{
    public const string ObjectAnnotationPrefix = "event.toolkit.fluxcd.io/";
    public const string CommitStatusUpdate = "update";

    public static string RevisionKey(FluxKind kind) => RevisionKey(kind.Group);

    private static string RevisionKey(string group) => $"{group}/revision";

    private static string CommitStatusKey(string group) => $"{group}/commit_status";

    /// <summary><c>&lt;group&gt;/revision</c>, none without a revision.</summary>
    public static IReadOnlyDictionary<string, string> Revision(string group, string? revision) =>
        revision is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add(RevisionKey(group), revision);

    /// <summary>The revision and <c>&lt;group&gt;/commit_status: update</c>, which Flux adds to a successful run's event.</summary>
    public static IReadOnlyDictionary<string, string> CommitStatus(string group, string revision) =>
        ImmutableDictionary<string, string>.Empty.Add(RevisionKey(group), revision).Add(CommitStatusKey(group), CommitStatusUpdate);

    /// <summary><paramref name="event"/> with the kind's revision annotation when <paramref name="revision"/> is known.</summary>
    public static ObjectEvent WithRevision(ObjectEvent @event, FluxKind kind, string? revision) =>
        revision is null ? @event : @event with { Annotations = @event.Annotations.ToImmutableDictionary().SetItem(RevisionKey(kind), revision) };

    /// <summary><paramref name="event"/> with the object's <c>event.toolkit.fluxcd.io/</c> annotations, as the recorder copies them.</summary>
    public static ObjectEvent WithObjectAnnotations(ObjectEvent @event, JsonObject? fluxObject)
    {
        var copied = (fluxObject?["metadata"]?["annotations"] as JsonObject ?? [])
            .Where(a => a.Key.StartsWith(ObjectAnnotationPrefix, StringComparison.Ordinal) && a.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .ToList();
        return copied.Count == 0
            ? @event
            : @event with { Annotations = @event.Annotations.ToImmutableDictionary().SetItems(copied.Select(a => KeyValuePair.Create(a.Key, a.Value!.GetValue<string>()))) };
    }
}
