using System.Collections.Immutable;

namespace Fleet.Actors.Reconcile;

/// <summary>
/// Flux's event metadata (fluxcd/pkg apis/event/v1beta1), written as annotations keyed by the kind's API group:
/// notification-controller reads the revision, and the commit-status key marks the event a Git commit status follows.
/// </summary>
public static class FluxEventMetadata
{
    public const string RevisionKey = "revision";
    public const string CommitStatusKey = "commit_status";
    public const string CommitStatusUpdate = "update";

    /// <summary><c>&lt;group&gt;/revision</c>, none without a revision.</summary>
    public static IReadOnlyDictionary<string, string> Revision(string group, string? revision) =>
        revision is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add($"{group}/{RevisionKey}", revision);

    /// <summary>The revision and <c>&lt;group&gt;/commit_status: update</c>, which Flux adds to a successful run's event.</summary>
    public static IReadOnlyDictionary<string, string> CommitStatus(string group, string revision) =>
        ImmutableDictionary<string, string>.Empty.Add($"{group}/{RevisionKey}", revision).Add($"{group}/{CommitStatusKey}", CommitStatusUpdate);
}
