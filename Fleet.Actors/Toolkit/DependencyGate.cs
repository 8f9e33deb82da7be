using Fleet.Actors.Apply;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Toolkit;

/// <summary>
/// Flux's `dependsOn` check for any kind: each dependency is an object of the consumer's own kind, read from the API
/// server and judged by <see cref="DependencyReadiness"/>; each is recorded in the run's upstreams, so its readiness
/// reaches the consumer. The first that is not ready ends the run as Flux does: DependencyNotReady, retried after
/// <see cref="ControllerFlags.RequeueDependency"/>, with a Normal event instead of a Warning.
/// </summary>
public sealed class DependencyGate(FluxObjectReader objects, ControllerFlags flags)
{
    /// <summary>Null when every dependency is ready; else the result the run ends with (without the kind's status).</summary>
    public async Task<ReconcileResult?> CheckAsync(
        ObjectKey consumer,
        IReadOnlyList<DependencyReference>? dependsOn,
        ObjectKey source,
        string sourceRevision,
        IDictionary<ObjectKey, string?> upstreams,
        IReadOnlyDictionary<string, string> eventAnnotations,
        CancellationToken cancellation)
    {
        foreach (var dependency in dependsOn ?? [])
        {
            var key = new ObjectKey(consumer.Kind, string.IsNullOrEmpty(dependency.Namespace) ? consumer.Namespace : dependency.Namespace, dependency.Name);
            upstreams[key] = null;
            string? blocker;
            try
            {
                blocker = DependencyReadiness.Blocker(key, await objects.ReadAsync(key, cancellation), source, sourceRevision);
            }
            catch (ApiCallException error)
            {
                blocker = $"dependency '{key.Namespace}/{key.Name}' not found: {error.Error.Message}";
            }
            if (blocker is not null)
            {
                return NotReady(blocker, eventAnnotations);
            }
        }
        return null;
    }

    private ReconcileResult NotReady(string message, IReadOnlyDictionary<string, string> eventAnnotations)
    {
        var retry = GoDuration.Format(flags.RequeueDependency);
        var waiting = new ObjectEvent(ObjectEvent.Normal, ConditionReasons.DependencyNotReady, $"Dependencies do not meet ready condition, retrying in {retry}")
        {
            Annotations = eventAnnotations,
        };
        // Flux records its own informational event on every retry instead of one for the condition's message.
        return ReconcileResult.Failure(ConditionReasons.DependencyNotReady, message) with
        {
            RequeueAfter = flags.RequeueDependency,
            FailureEventType = null,
            Events = [waiting],
        };
    }
}
