using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Toolkit;

/// <summary>
/// Flux's source lookup for any consumer kind: refuses a kind the consumer cannot read and, with
/// <see cref="ControllerFlags.NoCrossNamespaceRefs"/>, a source in another namespace; reads the source and its artifact,
/// and records it in the run's upstreams (with the revision once there is one), so the entity follows it.
/// </summary>
public sealed class SourceLookup(FluxObjectReader objects, ControllerFlags flags)
{
    public async Task<SourceLookupResult> FindAsync(
        ObjectKey consumer, ObjectKey source, IReadOnlyCollection<string> kinds, IDictionary<ObjectKey, string?> upstreams, CancellationToken cancellation)
    {
        if (!kinds.Contains(source.Kind))
        {
            return Stop(ReconcileResult.Failure(ConditionReasons.ArtifactFailed, $"unsupported source kind '{source.Kind}': expected one of {string.Join(", ", kinds)}"));
        }
        if (Tenancy.CrossNamespaceRefused(flags, consumer, source) is { } refused)
        {
            return Stop(refused);
        }
        upstreams[source] = null;
        Artifact? artifact;
        try
        {
            if (await objects.ReadAsync(source, cancellation) is not { } found)
            {
                // Flux records no event for a missing source: it is retried at the retry interval.
                return Stop(ReconcileResult.Failure(ConditionReasons.ArtifactFailed, $"Source '{source.Kind}/{source.Namespace}/{source.Name}' not found") with { FailureEventType = null });
            }
            artifact = FluxObjectReader.ArtifactOf(found);
        }
        catch (ApiCallException error)
        {
            return Stop(ReconcileResult.Failure(ConditionReasons.ArtifactFailed, $"unable to get source '{source.Namespace}/{source.Name}': {error.Error.Message}"));
        }
        if (artifact is null)
        {
            // A source that has not produced its first artifact yet: transient, so no Warning, and retried soon.
            var message = $"Source artifact not found, retrying in {GoDuration.Format(flags.RequeueDependency)}";
            return Stop(ReconcileResult.Failure(ConditionReasons.ArtifactFailed, message) with { RequeueAfter = flags.RequeueDependency, FailureEventType = null });
        }
        upstreams[source] = artifact.Revision;
        return new SourceLookupResult(artifact, null);
    }

    private static SourceLookupResult Stop(ReconcileResult result) => new(null, result);
}
