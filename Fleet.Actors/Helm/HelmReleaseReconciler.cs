using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Toolkit;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Helm;

/// <summary>
/// Converges one HelmRelease, in helm-controller's order: chart template → chart artifact → dependencies → values →
/// the release's state in Helm's storage → install, upgrade or test, with remediation by rollback or uninstall. The
/// actions are the pinned helm binary's, so the release lives in Helm's own storage and its hooks run as helm runs
/// them; an unchanged release costs one storage read and writes nothing.
/// </summary>
public sealed class HelmReleaseReconciler(SourceServices services, HelmProcess helm, HelmKubeconfigs kubeconfigs, UnpackedArtifacts artifacts, KustomizeTool kustomize, string workDirectory)
    : IObjectReconciler, IObjectCleanup
{
    private static readonly string[] ChartKinds = [FluxKinds.HelmChart.Kind];

    private readonly TimeProvider _clock = services.Clusters.Clock;
    private readonly SourceLookup _sources = new(new FluxObjectReader(services.Kubernetes), services.Flags);
    private readonly DependencyGate _dependencies = new(new FluxObjectReader(services.Kubernetes), services.Flags);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var release = FleetJson.Deserialize<HelmRelease>(request.Object);
        var spec = release?.Spec ?? new HelmReleaseSpec();
        var previous = PreviousStatus(request);
        if (HelmReleaseUnsupportedFields.Refusal(spec) is { } refused)
        {
            return KindStatus<HelmReleaseStatus>.Stopped(refused, previous, null);
        }
        var target = ReleaseTarget.Of(request.Key, spec);
        if (spec.StorageNamespace is { Length: > 0 } storage && storage != target.Namespace)
        {
            var message = $"spec.storageNamespace '{storage}' differs from the release namespace '{target.Namespace}': Fleet keeps a release's storage in its own namespace, as the helm CLI does; remove storageNamespace or set it to '{target.Namespace}'";
            return KindStatus<HelmReleaseStatus>.Stopped(ReconcileResult.Stall(ConditionReasons.ReconciliationFailed, message), previous, null);
        }

        var upstreams = new Dictionary<ObjectKey, string?>();
        ObjectKey chartKey;
        if (spec.Chart is { } template)
        {
            chartKey = HelmChartTemplating.KeyOf(request.Key, template);
            if (Tenancy.CrossNamespaceRefused(services.Flags, request.Key, chartKey) is { } denied)
            {
                return KindStatus<HelmReleaseStatus>.Stopped(denied, previous, null);
            }
            try
            {
                await HelmChartTemplating.EnsureAsync(services.Kubernetes, HelmChartTemplating.Desired(request.Key, template, spec.Interval.Text), cancellationToken);
            }
            catch (ApiCallException error)
            {
                var message = $"failed to create or update HelmChart '{chartKey.Namespace}/{chartKey.Name}': {error.Error.Message}";
                return KindStatus<HelmReleaseStatus>.Failed(HelmReleaseConditions.ArtifactFailedReason, message, previous, null);
            }
            previous = previous with { HelmChart = $"{chartKey.Namespace}/{chartKey.Name}" };
        }
        else if (spec.ChartRef is { } chartRef)
        {
            chartKey = new ObjectKey(chartRef.Kind, chartRef.Namespace is { Length: > 0 } ns ? ns : request.Key.Namespace, chartRef.Name);
        }
        else
        {
            return KindStatus<HelmReleaseStatus>.Stopped(
                ReconcileResult.Stall(ConditionReasons.ReconciliationFailed, "one of spec.chart and spec.chartRef must be set"), previous, null);
        }

        var source = await _sources.FindAsync(request.Key, chartKey, ChartKinds, upstreams, cancellationToken);
        if (source.Stopped)
        {
            return KindStatus<HelmReleaseStatus>.Stopped(source.Stop, previous, upstreams);
        }
        var revision = source.Artifact.Revision;
        var annotations = FluxEventMetadata.Revision(FluxKinds.HelmRelease.Group, revision);
        if (await _dependencies.CheckAsync(request.Key, spec.DependsOn, chartKey, revision, upstreams, annotations, cancellationToken) is { } blocked)
        {
            return KindStatus<HelmReleaseStatus>.Stopped(blocked, previous, upstreams);
        }

        try
        {
            return await ConvergeAsync(request, spec, target, source.Artifact, previous, upstreams, cancellationToken);
        }
        catch (ValuesReferenceException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(ReleaseValues.ValuesError, error.Message, previous, upstreams);
        }
        catch (ArtifactDownloadException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(HelmReleaseConditions.ArtifactFailedReason, $"Could not load chart: {error.Message}", previous, upstreams);
        }
        catch (FormatException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(HelmReleaseConditions.ArtifactFailedReason, $"Could not load chart: {error.Message}", previous, upstreams);
        }
        catch (ClusterAccessException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(ConditionReasons.ReconciliationFailed, error.Message, previous, upstreams);
        }
        catch (HelmCommandException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(ConditionReasons.ReconciliationFailed, error.Message, previous, upstreams);
        }
        catch (ApiCallException error)
        {
            return KindStatus<HelmReleaseStatus>.Failed(ConditionReasons.ReconciliationFailed, $"failed to read Helm storage of release '{target.StorageNamespace}/{target.Name}': {error.Error.Message}", previous, upstreams);
        }
    }

    private async Task<ReconcileResult> ConvergeAsync(
        ReconcileRequest request, HelmReleaseSpec spec, ReleaseTarget target, Artifact artifact, HelmReleaseStatus previous, Dictionary<ObjectKey, string?> upstreams, CancellationToken cancellation)
    {
        var context = await ContextAsync(request.Key, spec, target, cancellation);
        var values = await ReleaseValues.ComposeAsync(services.Kubernetes, request.Key.Namespace, spec.ValuesFrom, spec.Values, cancellation);
        var digest = ReleaseValues.Digest(values);
        var revision = artifact.Revision;

        var status = previous with { StorageNamespace = target.StorageNamespace, LastAttemptedGeneration = request.Generation };
        if (status.LastAttemptedRevision != revision || status.LastAttemptedConfigDigest != digest)
        {
            // A new chart or new values is a new desired state: its failures start from zero.
            status = WithoutFailures(status);
        }
        var objectAnnotations = request.Object["metadata"]?["annotations"] as JsonObject;
        if (Requested(objectAnnotations, FluxAnnotations.ReconcileResetAt, request.RequestedAt, status.LastHandledResetAt) is { } reset)
        {
            status = WithoutFailures(status) with { LastHandledResetAt = reset };
        }
        var forceToken = Requested(objectAnnotations, FluxAnnotations.ReconcileForceAt, request.RequestedAt, status.LastHandledForceAt);
        var forced = forceToken is not null;
        status = status with { LastAttemptedRevision = revision, LastAttemptedConfigDigest = digest, LastHandledForceAt = forceToken ?? status.LastHandledForceAt };

        var history = await ReadHistoryAsync(context, cancellation);
        var kindConditions = request.Previous.Conditions.Where(c => c.Type is not (ConditionTypes.Ready or ConditionTypes.Reconciling or ConditionTypes.Stalled)).ToList();
        var testEnabled = spec.Test?.Enable == true;
        var untested = testEnabled && kindConditions.All(c => c.Type != HelmReleaseConditions.TestSuccess);
        var state = ReleaseStates.Of(history, previous.History, revision, digest, untested);
        if (state == ReleaseState.InSync && !forced)
        {
            return Finish(status with { History = ReleaseSnapshots.Of(history) }, kindConditions, [], spec, revision, upstreams);
        }

        using var unpacked = await artifacts.AcquireAsync(artifact, cancellation);
        var chart = ReleaseChart.Load(unpacked.Root);
        using var valuesFile = PrivateFile.Write(Path.Combine(workDirectory, "values"), Encoding.UTF8.GetBytes(values.ToJsonString()));
        using var postRenderer = PostRenderer.Prepare(Path.Combine(workDirectory, "post-render"), spec.PostRenderers, kustomize.Command);
        var run = new ReleaseRun(helm, context with { PostRenderer = postRenderer?.Script }, chart, valuesFile.Path, status, history, kindConditions, _clock);

        bool ok;
        RemediationPolicy policy;
        if (state == ReleaseState.Untested && !forced)
        {
            policy = RemediationPolicy.For(status.LastAttemptedReleaseAction ?? RemediationPolicy.InstallAction, spec);
            ok = await TestAsync(run, policy, cancellation);
        }
        else
        {
            var action = history.Any(r => r.Status is StoredRelease.Deployed or StoredRelease.Superseded) ? RemediationPolicy.UpgradeAction : RemediationPolicy.InstallAction;
            policy = RemediationPolicy.For(action, spec);
            if (!forced && policy.Exhausted(FailuresOf(status, action)))
            {
                return Exhausted(run, policy, spec, revision, upstreams);
            }
            ok = await run.ReleaseAsync(action, forced, cancellation) && (!testEnabled || await TestAsync(run, policy, cancellation));
        }
        if (!ok)
        {
            var failures = FailuresOf(run.Status, policy.Action);
            if (policy.Remediates(failures) && !await run.RemediateAsync(policy, cancellation))
            {
                var missing = $"Failed to {policy.Action}: no previous successful release of '{target.Namespace}/{target.Name}' to roll back to";
                return Finish(run, spec, revision, upstreams) with { Outcome = ReconcileOutcome.Stalled, Reason = HelmReleaseConditions.MissingRollbackTargetReason, Message = missing };
            }
            if (policy.Exhausted(failures))
            {
                return Exhausted(run, policy, spec, revision, upstreams);
            }
        }
        var result = Finish(run, spec, revision, upstreams);
        return policy.RetryOnFailure && result.Outcome == ReconcileOutcome.Failed
            ? result with { RequeueAfter = (policy.Action == RemediationPolicy.InstallAction ? spec.Install?.Strategy?.RetryInterval : spec.Upgrade?.Strategy?.RetryInterval)?.Value ?? TimeSpan.FromMinutes(5) }
            : result;
    }

    /// <summary>Runs the tests; a failure counts against the action unless the remediation settings ignore test failures.</summary>
    private static async Task<bool> TestAsync(ReleaseRun run, RemediationPolicy policy, CancellationToken cancellation)
    {
        if (await run.TestAsync(cancellation) || policy.IgnoreTestFailures)
        {
            return true;
        }
        run.CountTestFailure();
        return false;
    }

    private async Task<ReleaseContext> ContextAsync(ObjectKey key, HelmReleaseSpec spec, ReleaseTarget target, CancellationToken cancellation)
    {
        var serviceAccount = Tenancy.ServiceAccountFor(services.Flags, spec.ServiceAccountName);
        var client = await services.Clusters.ForAsync(key.Namespace, serviceAccount, spec.KubeConfig, cancellation);
        var kubeconfig = await kubeconfigs.PathForAsync(key.Namespace, spec.KubeConfig, cancellation);
        var user = serviceAccount is null ? null : HelmArguments.ServiceAccountUser(key.Namespace, serviceAccount);
        return new ReleaseContext(target, spec, client, kubeconfig, user);
    }

    private static async Task<IReadOnlyList<StoredRelease>> ReadHistoryAsync(ReleaseContext context, CancellationToken cancellation)
    {
        try
        {
            return await HelmStorage.HistoryAsync(context.Client, context.Target.StorageNamespace, context.Target.Name, cancellation);
        }
        catch (k8s.Autorest.HttpOperationException error)
        {
            throw new ApiCallException(ApiError.From(error));
        }
    }

    /// <summary>The result of a run that acted: its conditions summarised into Ready, its status with the history as stored now.</summary>
    private static ReconcileResult Finish(ReleaseRun run, HelmReleaseSpec spec, string revision, IReadOnlyDictionary<ObjectKey, string?> upstreams) =>
        Finish(run.Status with { History = ReleaseSnapshots.Of(run.History) }, run.Conditions, run.Events, spec, revision, upstreams);

    private static ReconcileResult Finish(
        HelmReleaseStatus status, IReadOnlyList<Condition> conditions, IReadOnlyList<ObjectEvent> events, HelmReleaseSpec spec, string revision, IReadOnlyDictionary<ObjectKey, string?> upstreams)
    {
        var testsCount = spec.Test?.Enable == true && spec.Test.IgnoreFailures != true;
        var (ready, reason, message) = ReleaseSummary.Of(conditions, testsCount);
        var result = ready
            ? KindStatus<HelmReleaseStatus>.Succeeded(reason, message, revision, status, upstreams)
            : KindStatus<HelmReleaseStatus>.Failed(reason, message, status, upstreams) with { Revision = revision };
        // Every action records its own event, as helm-controller's do; the runtime adds none for the failure.
        return result with { Conditions = conditions, Events = events, FailureEventType = null };
    }

    /// <summary>helm-controller's terminal state once the failures exceed the retries: Stalled, RetriesExceeded, until the spec changes or a reset.</summary>
    private static ReconcileResult Exhausted(ReleaseRun run, RemediationPolicy policy, HelmReleaseSpec spec, string revision, IReadOnlyDictionary<ObjectKey, string?> upstreams) =>
        Finish(run, spec, revision, upstreams) with
        {
            Outcome = ReconcileOutcome.Stalled,
            Reason = HelmReleaseConditions.RetriesExceededReason,
            Message = $"Failed to {policy.Action} after {FailuresOf(run.Status, policy.Action)} attempt(s)",
        };

    private static long FailuresOf(HelmReleaseStatus status, string action) =>
        (action == RemediationPolicy.InstallAction ? status.InstallFailures : status.UpgradeFailures) ?? 0;

    private static HelmReleaseStatus WithoutFailures(HelmReleaseStatus status) => status with { Failures = null, InstallFailures = null, UpgradeFailures = null };

    /// <summary>The token of a force or reset annotation that asks for this reconcile (equal to requestedAt) and was not handled yet.</summary>
    private static string? Requested(JsonObject? annotations, string annotation, string? requestedAt, string? handled) =>
        annotations?[annotation]?.GetValue<string>() is { Length: > 0 } token && token == requestedAt && token != handled ? token : null;

    /// <summary>On deletion the release is uninstalled (unless suspended, as in Flux) and the HelmChart made for it deleted.</summary>
    public async Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<HelmRelease>(request.Object)?.Spec ?? new HelmReleaseSpec();
        if (spec.Chart is { } template)
        {
            await HelmChartTemplating.DeleteAsync(services.Kubernetes, HelmChartTemplating.KeyOf(request.Key, template), cancellationToken);
        }
        if (spec.Suspend == true)
        {
            return;
        }
        var target = ReleaseTarget.Of(request.Key, spec);
        ReleaseContext context;
        IReadOnlyList<StoredRelease> history;
        try
        {
            context = await ContextAsync(request.Key, spec, target, cancellationToken);
            history = await ReadHistoryAsync(context, cancellationToken);
        }
        catch (ClusterAccessException)
        {
            // As in Flux: without a way into the target cluster the release is left and the deletion proceeds.
            return;
        }
        if (history.FirstOrDefault() is { Status: not "uninstalled" })
        {
            await helm.RunAsync(HelmArguments.Uninstall(target, spec, context.User), context.Kubeconfig, HelmArguments.TimeoutOf(spec.Uninstall?.Timeout, spec), cancellationToken);
        }
    }

    /// <summary>Only the fields this reconciler owns carry over from a live status; the runtime writes the rest.</summary>
    private static HelmReleaseStatus PreviousStatus(ReconcileRequest request) =>
        KindStatus<HelmReleaseStatus>.Previous(request, status => status with { Conditions = null, ObservedGeneration = null, LastHandledReconcileAt = null });
}
