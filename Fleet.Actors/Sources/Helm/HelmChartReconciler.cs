using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Apply;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Toolkit;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Converges one HelmChart as source-controller does: reads its source (a HelmRepository's index or a registry, a
/// GitRepository's tree), resolves the chart version, pulls or packages the chart with Flux's revision rules and stores it
/// as `&lt;chart&gt;-&lt;version&gt;.tgz`. An artifact of the same chart name and version is kept as it is unless the
/// generation changed. A failure reports Flux's reason and keeps the last chart stored and in status.
/// </summary>
public sealed class HelmChartReconciler(SourceServices services, HelmChartNodeCaches caches) : IObjectReconciler, IObjectCleanup
{
    public const string Kind = "helmchart";

    private static readonly string[] Problems =
        [SourceConditions.StorageOperationFailed, SourceConditions.FetchFailed, SourceConditions.BuildFailed, SourceConditions.ArtifactOutdated];

    private readonly FluxObjectReader _objects = new(services.Kubernetes);
    private readonly HelmAccessReader _access = new(services.Kubernetes);
    private readonly ChartBuilder _builder = new(caches.Packager);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var spec = FleetJson.Deserialize<HelmChart>(request.Object)?.Spec ?? new HelmChartSpec();
        var key = request.Key;
        var conditions = new KindConditions(request.Previous.Conditions, Problems);
        var previous = request.Previous.KindStatusJson is { } json ? FleetJson.Deserialize<HelmChartStatus>(json) ?? new() : new HelmChartStatus();
        var stored = previous.Artifact is { } last && await services.Store.HoldsAsync(last, cancellationToken) ? last : null;
        var status = previous with { Artifact = stored };
        if (stored is null)
        {
            conditions.Delete(SourceConditions.ArtifactInStorage);
        }
        conditions.Delete(SourceConditions.StorageOperationFailed);
        if (HelmChartUnsupportedFields.Fields.Check(spec) is { } refusal)
        {
            conditions.MarkTrue(refusal.Condition ?? SourceConditions.FetchFailed, refusal.Reason, refusal.Message);
            return ReconcileResult.Stall(refusal.Reason, refusal.Message) with { Conditions = conditions.All, Status = Json(status) };
        }
        var sourceKey = new ObjectKey(spec.SourceRef.Kind, key.Namespace, spec.SourceRef.Name);
        var upstreams = new Dictionary<ObjectKey, string?> { [sourceKey] = null };
        var run = new Run(request, spec, conditions, status, stored, upstreams);
        try
        {
            var source = await ReadSourceAsync(sourceKey, spec, cancellationToken);
            if (source.Artifact is { } artifact)
            {
                upstreams[sourceKey] = artifact.Revision;
                run.Status = run.Status with { ObservedSourceArtifactRevision = artifact.Revision };
            }
            var work = Directory.CreateTempSubdirectory("fleet-helmchart-");
            try
            {
                var build = await BuildAsync(run, source, work.FullName, cancellationToken);
                return await StoreAsync(run, build, cancellationToken);
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        catch (HelmFetchException error)
        {
            conditions.MarkTrue(SourceConditions.FetchFailed, error.Reason, error.Message);
            return Failed(run, error.Stalling);
        }
        catch (NoSourceArtifactException error)
        {
            conditions.MarkTrue(SourceConditions.FetchFailed, "NoSourceArtifact", error.Message);
            // Flux records no event and tries again soon; the source's first artifact reaches this chart at once anyway.
            return Failed(run) with { RequeueAfter = services.Flags.RequeueDependency, FailureEventType = null };
        }
        catch (ChartBuildException error)
        {
            conditions.Delete(error.Error.IsBuildFailure ? SourceConditions.FetchFailed : SourceConditions.BuildFailed);
            conditions.MarkTrue(error.Error.IsBuildFailure ? SourceConditions.BuildFailed : SourceConditions.FetchFailed, error.Error.Reason, error.Message);
            return Failed(run, error.Error.Persistent);
        }
        catch (StorageOperationException error)
        {
            conditions.MarkTrue(SourceConditions.StorageOperationFailed, error.Reason, error.Message);
            return Failed(run);
        }
    }

    /// <summary>The chart's source and its artifact; an OCI HelmRepository has none and needs none.</summary>
    private async Task<ChartSource> ReadSourceAsync(ObjectKey sourceKey, HelmChartSpec spec, CancellationToken cancellation)
    {
        JsonObject? found;
        try
        {
            found = await _objects.ReadAsync(sourceKey, cancellation);
        }
        catch (ApiCallException error)
        {
            throw new HelmFetchException("SourceUnavailable", $"failed to get source: {error.Error.Message}");
        }
        if (found is null)
        {
            var plural = FluxKinds.Find(sourceKey.Kind)?.Plural ?? sourceKey.Kind.ToLowerInvariant();
            throw new HelmFetchException("SourceUnavailable", $"failed to get source: {plural}.{FluxGroups.Source} \"{sourceKey.Name}\" not found");
        }
        var artifact = FluxObjectReader.ArtifactOf(found);
        var repository = sourceKey.Kind == FluxKinds.HelmRepository.Kind ? FleetJson.Deserialize<HelmRepository>(found)?.Spec : null;
        if (artifact is null && !HelmRepositoryTypes.IsOci(repository?.Type))
        {
            throw new NoSourceArtifactException($"no artifact available for {spec.SourceRef.Kind} source '{spec.SourceRef.Name}'");
        }
        return new ChartSource(sourceKey, repository, artifact);
    }

    private async Task<ChartBuild> BuildAsync(Run run, ChartSource source, string work, CancellationToken cancellation)
    {
        var (request, spec) = (run.Request, run.Spec);
        var force = request.Generation != request.Previous.ObservedGeneration;
        var valuesFiles = ValuesFiles.Effective(spec.ValuesFiles);
        if (source.Repository is { } repository)
        {
            var access = await ReadAccessAsync(request.Key.Namespace, repository, cancellation);
            var options = new ChartBuildOptions(valuesFiles.Count > 0 ? request.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, valuesFiles, spec.IgnoreMissingValuesFiles ?? false);
            if (HelmRepositoryTypes.IsOci(repository.Type))
            {
                throw new ChartBuildException(ChartBuildError.Pull, "charts from OCI HelmRepositories are not supported by this version of Fleet yet");
            }
            var index = await LoadIndexAsync(source.Artifact!, cancellation);
            var entry = ResolveVersion(index, spec);
            if (!force && run.Cached(options) is { } cached && cached.Name == entry.Name && cached.Version == options.VersionOf(entry.Version))
            {
                return cached;
            }
            using var lease = await PullAsync(access, entry, cancellation);
            return await _builder.BuildPulledAsync(lease.Path, entry.Name, entry.Version, options, work, cancellation);
        }
        return await BuildFromTreeAsync(run, source.Artifact!, valuesFiles, force, work, cancellation);
    }

    private async Task<ChartBuild> BuildFromTreeAsync(
        Run run, Artifact artifact, IReadOnlyList<string> valuesFiles, bool force, string work, CancellationToken cancellation)
    {
        var (request, spec) = (run.Request, run.Spec);
        string? metadata = null;
        if (spec.ReconcileStrategy == ReconcileStrategies.Revision)
        {
            metadata = RevisionMetadata.Of(spec.SourceRef.Kind, artifact.Revision);
        }
        if (valuesFiles.Count > 0)
        {
            metadata = (metadata is null ? "" : metadata + ".") + request.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var options = new ChartBuildOptions(metadata, valuesFiles, spec.IgnoreMissingValuesFiles ?? false);
        UnpackedArtifact tree;
        try
        {
            tree = await caches.Trees.AcquireAsync(artifact, cancellation);
        }
        catch (ArtifactDownloadException error)
        {
            throw new HelmFetchException(ConditionReasons.Failed, $"artifact untar error: {error.Message}", error);
        }
        using (tree)
        {
            var root = tree.Root;
            if (!force && run.Cached(options) is { } cached && LocalVersion(root, spec.Chart, options) is { } local
                && cached.Name == local.Name && cached.Version == local.Version)
            {
                return cached with { Packaged = local.Directory || options.RequiresPackaging };
            }
            return await _builder.BuildLocalAsync(root, spec.Chart, options, work, cancellation);
        }
    }

    /// <summary>The name and published version of the chart in a tree, when it can be read (else the build reports why).</summary>
    private static (string Name, string Version, bool Directory)? LocalVersion(string root, string chart, ChartBuildOptions options)
    {
        try
        {
            var path = Path.Combine(root, ValuesFiles.Clean(chart));
            var directory = Directory.Exists(path);
            var metadata = directory ? ChartMetadata.Parse(File.ReadAllText(Path.Combine(path, "Chart.yaml"))) : ChartMetadata.FromArchive(path);
            return (metadata.Name, options.VersionOf(metadata.Version), directory);
        }
        catch (Exception error) when (error is FormatException or IOException or InvalidDataException or ChartBuildException)
        {
            return null;
        }
    }

    private async Task<HelmRepositoryAccess> ReadAccessAsync(string ns, HelmRepositorySpec repository, CancellationToken cancellation)
    {
        var url = HelmRepositoryTypes.IsOci(repository.Type) ? HelmRepositoryUrl.ParseOci(repository.Url) : HelmRepositoryUrl.ParseHttp(repository.Url);
        return await _access.ReadAsync(ns, repository, url, cancellation);
    }

    private async Task<HelmIndex> LoadIndexAsync(Artifact artifact, CancellationToken cancellation)
    {
        try
        {
            return await caches.Indexes.GetAsync(artifact, cancellation);
        }
        catch (Exception error) when (error is InvalidDataException or HttpRequestException or FormatException or System.Text.Json.JsonException)
        {
            throw new ChartBuildException(ChartBuildError.Pull, $"failed to get chart version for remote reference: failed to load index: {error.Message}", error);
        }
    }

    private static ChartVersionEntry ResolveVersion(HelmIndex index, HelmChartSpec spec)
    {
        try
        {
            return index.Resolve(spec.Chart, spec.Version);
        }
        catch (ChartReferenceException error)
        {
            throw new ChartBuildException(ChartBuildError.Reference, error.Message, error);
        }
    }

    private async Task<ChartLease> PullAsync(HelmRepositoryAccess access, ChartVersionEntry entry, CancellationToken cancellation)
    {
        try
        {
            return await caches.Http.PullAsync(access, entry, cancellation);
        }
        catch (HelmFetchException error) when (error.Unauthorized)
        {
            throw new HelmFetchException(
                SourceConditions.AuthenticationFailedReason,
                $"failed to authenticate with the Helm repository: {ChartBuildError.Pull.Summary}: failed to download chart for remote reference: {access.Redact(error.Message)}");
        }
        catch (HelmFetchException error)
        {
            throw new ChartBuildException(ChartBuildError.Pull, $"failed to download chart for remote reference: {access.Redact(error.Message)}", error);
        }
    }

    /// <summary>Source-controller's reconcileArtifact: the build stored under `&lt;chart&gt;-&lt;version&gt;.tgz`, unless it is the stored artifact.</summary>
    private async Task<ReconcileResult> StoreAsync(Run run, ChartBuild build, CancellationToken cancellation)
    {
        var (request, conditions) = (run.Request, run.Conditions);
        conditions.Delete(SourceConditions.FetchFailed);
        conditions.Delete(SourceConditions.BuildFailed);
        var artifact = run.Stored is { } stored && build.Path == CachedPath ? stored : null;
        if (artifact is null)
        {
            if (run.Stored is not null)
            {
                conditions.MarkTrue(SourceConditions.ArtifactOutdated, "NewChart", build.Summary);
            }
            // A copy: the build may be a file of the node's chart cache or of a shared source tree.
            var temporary = services.Store.NewTemporaryPath();
            try
            {
                File.Copy(build.Path, temporary);
                artifact = await services.Store.StoreAsync(
                    Kind, request.Key.Namespace, request.Key.Name, temporary, build.Version, cancellation, $"{build.Name}-{build.Version}.tgz");
            }
            catch (IOException error)
            {
                throw new StorageOperationException(SourceConditions.ArchiveOperationFailedReason, $"unable to copy Helm chart to storage: {error.Message}", error);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        conditions.Delete(SourceConditions.ArtifactOutdated);
        conditions.MarkTrue(SourceConditions.ArtifactInStorage, build.Reason, build.Summary);
        var status = run.Status with
        {
            Artifact = artifact,
            ObservedChartName = build.Name,
            ObservedValuesFiles = run.Spec.IgnoreMissingValuesFiles == true ? build.ValuesFiles : null,
        };
        IReadOnlyList<ObjectEvent> events = run.Stored?.Digest == artifact.Digest
            ? []
            : [new ObjectEvent(ObjectEvent.Normal, build.Reason, build.Summary) { Annotations = HelmEventMetadata.Artifact(artifact) }];
        return ReconcileResult.Success(build.Summary, artifact.Revision, build.Reason, Json(status)) with
        {
            Conditions = conditions.All,
            Upstreams = run.Upstreams,
            Events = events,
        };
    }

    /// <summary>The path a reused build carries: the stored artifact itself, nothing to copy.</summary>
    internal const string CachedPath = "<stored artifact>";

    private static ReconcileResult Failed(Run run, bool stall = false)
    {
        var problem = run.Conditions.FirstProblem() ?? throw new InvalidOperationException("a failed HelmChart run marks the condition that failed");
        var result = stall ? ReconcileResult.Stall(problem.Reason, problem.Message) : ReconcileResult.Failure(problem.Reason, problem.Message);
        return result with { Conditions = run.Conditions.All, Status = Json(run.Status), Upstreams = run.Upstreams };
    }

    private static JsonObject Json(HelmChartStatus status) => KindStatus<HelmChartStatus>.Json(status);

    public Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        services.Store.Delete(Kind, request.Key.Namespace, request.Key.Name);
        return Task.CompletedTask;
    }

    private sealed record ChartSource(ObjectKey Key, HelmRepositorySpec? Repository, Artifact? Artifact);

    private sealed class Run(
        ReconcileRequest request, HelmChartSpec spec, KindConditions conditions, HelmChartStatus status, Artifact? stored, Dictionary<ObjectKey, string?> upstreams)
    {
        public ReconcileRequest Request { get; } = request;
        public HelmChartSpec Spec { get; } = spec;
        public KindConditions Conditions { get; } = conditions;
        public HelmChartStatus Status { get; set; } = status;
        public Artifact? Stored { get; } = stored;
        public Dictionary<ObjectKey, string?> Upstreams { get; } = upstreams;

        /// <summary>The stored artifact as a build, as Flux's builder reuses a cached chart of the same name and version.</summary>
        public ChartBuild? Cached(ChartBuildOptions options) =>
            Stored is { } stored && Status.ObservedChartName is { } name
                ? new ChartBuild(name, stored.Revision, CachedPath, Status.ObservedValuesFiles ?? options.ValuesFiles, options.RequiresPackaging)
                : null;
    }
}
