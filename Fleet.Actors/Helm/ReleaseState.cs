using Fleet.Messages.Api.Helm;

namespace Fleet.Actors.Helm;

/// <summary>helm-controller's view of a release before it acts (its `internal/reconcile/state.go`), reduced to what picks Fleet's next step.</summary>
public enum ReleaseState
{
    /// <summary>No revision in storage, or only uninstalled ones: install.</summary>
    Absent,

    /// <summary>The stored release is not the one this HelmRelease last made (installed by hand, or by another object): upgrade to adopt it.</summary>
    Unmanaged,

    /// <summary>The latest revision failed or never finished: release again.</summary>
    Failed,

    /// <summary>The chart version or the values differ from the desired ones: upgrade.</summary>
    OutOfSync,

    /// <summary>In sync, but tests are enabled and have not run on it: test.</summary>
    Untested,

    /// <summary>Nothing to do.</summary>
    InSync,
}

/// <summary>Picks the <see cref="ReleaseState"/> of a stored release history against the desired chart version and values.</summary>
public static class ReleaseStates
{
    public static ReleaseState Of(IReadOnlyList<StoredRelease> history, IReadOnlyList<HelmReleaseSnapshot>? known, string chartVersion, string configDigest, bool untested)
    {
        if (history.FirstOrDefault() is not { } latest || latest.Status == "uninstalled")
        {
            return ReleaseState.Absent;
        }
        if (known?.FirstOrDefault() is not { } last || last.Name != latest.Name || last.Version != latest.Version || last.Digest != latest.Digest)
        {
            return ReleaseState.Unmanaged;
        }
        if (latest.Status != StoredRelease.Deployed)
        {
            return ReleaseState.Failed;
        }
        if (latest.ChartVersion != chartVersion || latest.ConfigDigest != configDigest)
        {
            return ReleaseState.OutOfSync;
        }
        return untested ? ReleaseState.Untested : ReleaseState.InSync;
    }
}
