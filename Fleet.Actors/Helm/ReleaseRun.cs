using System.Collections.Immutable;
using Fleet.Actors.Kube;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;
using k8s;

namespace Fleet.Actors.Helm;

/// <summary>
/// The helm actions of one reconcile of one release, and what they leave behind: the status fields, the kind's
/// conditions (Released, TestSuccess, Remediated) and the events, each worded as helm-controller words them. Every
/// action is followed by a fresh read of Helm's storage, so what Fleet reports is what `helm history` shows.
/// </summary>
public sealed class ReleaseRun(
    HelmProcess helm,
    ReleaseContext context,
    ReleaseChart chart,
    string valuesFile,
    HelmReleaseStatus status,
    IReadOnlyList<StoredRelease> history,
    IEnumerable<Condition> conditions,
    TimeProvider clock)
{
    public const string RevisionAnnotation = "helm.toolkit.fluxcd.io/revision";
    public const string AppVersionAnnotation = "helm.toolkit.fluxcd.io/app-version";

    private readonly Dictionary<string, Condition> _conditions = conditions.ToDictionary(c => c.Type);

    public HelmReleaseStatus Status { get; private set; } = status;

    public IReadOnlyList<StoredRelease> History { get; private set; } = history;

    public List<ObjectEvent> Events { get; } = [];

    public IReadOnlyList<Condition> Conditions => [.. _conditions.Values];

    /// <summary>Installs (no successful revision yet) or upgrades; true when helm succeeded.</summary>
    public async Task<bool> ReleaseAsync(string action, bool forced, CancellationToken cancellation)
    {
        var spec = context.Spec;
        var install = action == RemediationPolicy.InstallAction;
        var args = install
            ? HelmArguments.Install(context.Target, spec, chart.Directory, valuesFile, context.User)
            : HelmArguments.Upgrade(context.Target, spec, chart.Directory, valuesFile, context.User, forced);
        if (context.PostRenderer is { } postRenderer)
        {
            args.AddRange(["--post-renderer", postRenderer]);
        }
        if (install && History.Count > 0 && !args.Contains("--replace"))
        {
            // Only failed or uninstalled revisions are left: helm reuses the name only when told to.
            args.Add("--replace");
        }
        var before = History.FirstOrDefault()?.Version ?? 0;
        var started = clock.GetTimestamp();
        var error = await RunAsync(args, install ? spec.Install?.Timeout : spec.Upgrade?.Timeout, cancellation);
        Status = Status with
        {
            LastAttemptedReleaseAction = action,
            LastAttemptedReleaseActionDuration = GoDuration.FromTimeSpan(TimeSpan.FromSeconds(Math.Round(clock.GetElapsedTime(started).TotalSeconds))),
        };
        await RefreshAsync(cancellation);
        var made = History.FirstOrDefault() is { } latest && latest.Version > before ? latest : null;
        var verb = install ? "install" : "upgrade";
        var release = made?.FullName ?? $"{context.Target.Namespace}/{context.Target.Name}";
        _conditions.Remove(HelmReleaseConditions.TestSuccess);
        if (error is null)
        {
            _conditions.Remove(HelmReleaseConditions.Remediated);
            var reason = install ? HelmReleaseConditions.InstallSucceededReason : HelmReleaseConditions.UpgradeSucceededReason;
            Set(HelmReleaseConditions.Released, true, reason, $"Helm {verb} succeeded for release {release} with chart {chart}");
            return true;
        }
        var failed = install ? HelmReleaseConditions.InstallFailedReason : HelmReleaseConditions.UpgradeFailedReason;
        Set(HelmReleaseConditions.Released, false, failed, $"Helm {verb} failed for release {release} with chart {chart}: {error}");
        CountFailure(action);
        return false;
    }

    /// <summary>Runs the chart's test hooks on the latest revision; true when they passed.</summary>
    public async Task<bool> TestAsync(CancellationToken cancellation)
    {
        var error = await RunAsync(HelmArguments.Test(context.Target, context.Spec, context.User), context.Spec.Test?.Timeout, cancellation);
        await RefreshAsync(cancellation);
        var release = History.FirstOrDefault()?.FullName ?? $"{context.Target.Namespace}/{context.Target.Name}";
        if (error is not null)
        {
            Set(HelmReleaseConditions.TestSuccess, false, HelmReleaseConditions.TestFailedReason, $"Helm test failed for release {release} with chart {chart}: {error}");
            return false;
        }
        var ran = History.FirstOrDefault()?.TestHooks.Count(h => h.Started is not null) ?? 0;
        var outcome = ran == 0 ? "no test hooks" : $"{ran} test hook{(ran == 1 ? "" : "s")} completed successfully";
        Set(HelmReleaseConditions.TestSuccess, true, HelmReleaseConditions.TestSucceededReason, $"Helm test succeeded for release {release} with chart {chart}: {outcome}");
        return true;
    }

    /// <summary>Counts a failed test as a failure of the action that made the release, as helm-controller does unless tests are ignored.</summary>
    public void CountTestFailure() => CountFailure(Status.LastAttemptedReleaseAction ?? RemediationPolicy.InstallAction);

    /// <summary>
    /// Remediates the failed action: rolls back to the newest earlier successful revision, or uninstalls. False when there
    /// was nothing to roll back to (helm-controller's MissingRollbackTarget).
    /// </summary>
    public async Task<bool> RemediateAsync(RemediationPolicy policy, CancellationToken cancellation)
    {
        var failed = History.FirstOrDefault();
        if (policy.Uninstall)
        {
            var error = await RunAsync(HelmArguments.Uninstall(context.Target, context.Spec, context.User), context.Spec.Uninstall?.Timeout, cancellation);
            await RefreshAsync(cancellation);
            var release = failed?.FullName ?? $"{context.Target.Namespace}/{context.Target.Name}";
            var chartName = failed?.Chart ?? chart.ToString();
            Set(HelmReleaseConditions.Remediated, error is null, error is null ? HelmReleaseConditions.UninstallSucceededReason : HelmReleaseConditions.UninstallFailedReason,
                error is null ? $"Helm uninstall succeeded for release {release} with chart {chartName}" : $"Helm uninstall failed for release {release} with chart {chartName}: {error}");
            return true;
        }
        var target = History.FirstOrDefault(r => r.Version < (failed?.Version ?? 0) && r.Status is StoredRelease.Deployed or StoredRelease.Superseded);
        if (target is null)
        {
            return false;
        }
        var rollbackError = await RunAsync(HelmArguments.Rollback(context.Target, context.Spec, target.Version, context.User), context.Spec.Rollback?.Timeout, cancellation);
        await RefreshAsync(cancellation);
        Set(HelmReleaseConditions.Remediated, rollbackError is null, rollbackError is null ? HelmReleaseConditions.RollbackSucceededReason : HelmReleaseConditions.RollbackFailedReason,
            rollbackError is null
                ? $"Helm rollback to previous release {target.FullName} with chart {target.Chart} succeeded"
                : $"Helm rollback to previous release {target.FullName} with chart {target.Chart} failed: {rollbackError}");
        return true;
    }

    /// <summary>The event annotations helm-controller adds: the chart version as the revision, and the app version.</summary>
    public IReadOnlyDictionary<string, string> EventAnnotations()
    {
        var annotations = ImmutableDictionary<string, string>.Empty.Add(RevisionAnnotation, chart.Version);
        return chart.AppVersion is { Length: > 0 } app ? annotations.Add(AppVersionAnnotation, app) : annotations;
    }

    private void CountFailure(string action)
    {
        var install = action == RemediationPolicy.InstallAction;
        Status = Status with
        {
            Failures = (Status.Failures ?? 0) + 1,
            InstallFailures = install ? (Status.InstallFailures ?? 0) + 1 : Status.InstallFailures,
            UpgradeFailures = install ? Status.UpgradeFailures : (Status.UpgradeFailures ?? 0) + 1,
        };
    }

    private void Set(string type, bool ok, string reason, string message)
    {
        _conditions[type] = ReleaseSummary.Make(type, ok, reason, message);
        Events.Add(new ObjectEvent(ok ? ObjectEvent.Normal : ObjectEvent.Warning, reason, message) { Annotations = EventAnnotations() });
    }

    private async Task RefreshAsync(CancellationToken cancellation) =>
        History = await HelmStorage.HistoryAsync(context.Client, context.Target.StorageNamespace, context.Target.Name, cancellation);

    /// <summary>Runs one helm action; its error text, or null when it succeeded.</summary>
    private async Task<string?> RunAsync(List<string> args, GoDuration? actionTimeout, CancellationToken cancellation)
    {
        try
        {
            await helm.RunAsync(args, context.Kubeconfig, HelmArguments.TimeoutOf(actionTimeout, context.Spec), cancellation);
            return null;
        }
        catch (HelmCommandException error)
        {
            return error.Message;
        }
    }
}
