using Fleet.Messages.Api.Helm;

namespace Fleet.Actors.Helm;

/// <summary>`status.history` as helm-controller keeps it: snapshots of the stored revisions, newest first, back to the previous successful one.</summary>
public static class ReleaseSnapshots
{
    public const string ApiVersion = "v2";

    public static IReadOnlyList<HelmReleaseSnapshot> Of(IReadOnlyList<StoredRelease> history)
    {
        var kept = new List<HelmReleaseSnapshot>();
        var successes = 0;
        foreach (var release in history)
        {
            kept.Add(Snapshot(release));
            if (release.Status is StoredRelease.Deployed or StoredRelease.Superseded && ++successes == 2)
            {
                break;
            }
        }
        return kept;
    }

    public static HelmReleaseSnapshot Snapshot(StoredRelease release) => new()
    {
        ApiVersion = ApiVersion,
        Digest = release.Digest,
        Name = release.Name,
        Namespace = release.Namespace,
        Version = release.Version,
        Status = release.Status,
        Action = ActionOf(release.Description),
        ChartName = release.ChartName,
        ChartVersion = release.ChartVersion,
        AppVersion = release.AppVersion,
        ConfigDigest = release.ConfigDigest,
        FirstDeployed = release.FirstDeployed,
        LastDeployed = release.LastDeployed,
        Deleted = release.Deleted,
        TestHooks = release.TestHooks.Count == 0
            ? null
            : release.TestHooks.ToDictionary(h => h.Name, h => (HelmReleaseTestHookStatus?)new HelmReleaseTestHookStatus { LastStarted = h.Started, LastCompleted = h.Completed, Phase = h.Phase }),
    };

    /// <summary>The action that made a revision, from the description helm gives it ("Install complete", "Rollback to 2", ...).</summary>
    private static string? ActionOf(string description) =>
        description.StartsWith("Install", StringComparison.Ordinal) ? "install"
        : description.StartsWith("Upgrade", StringComparison.Ordinal) ? "upgrade"
        : description.StartsWith("Rollback", StringComparison.Ordinal) ? "rollback"
        : description.StartsWith("Release \"", StringComparison.Ordinal) && description.Contains("install", StringComparison.Ordinal) ? "install"
        : null;
}
