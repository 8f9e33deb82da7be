using Fleet.Actors.Kube;
using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Toolkit;

/// <summary>
/// Flux's rule for `dependsOn`, whatever the kind: a dependency is ready when its status reflects its latest generation
/// with Ready=True and, when its `spec.sourceRef` names the same source as the dependent's, it has applied the revision
/// the dependent is about to apply. A kind without `spec.sourceRef` (a HelmRelease) never shares a source.
/// </summary>
public static class DependencyReadiness
{
    /// <summary>Why <paramref name="dependency"/> is not ready yet, or null when it is.</summary>
    public static string? Blocker(ObjectKey dependencyKey, JsonObject? dependency, ObjectKey source, string sourceRevision)
    {
        var name = $"{dependencyKey.Namespace}/{dependencyKey.Name}";
        if (dependency is null)
        {
            return $"dependency '{name}' not found";
        }
        var status = dependency["status"] as JsonObject;
        var conditions = ObjectConditions.Of(dependency);
        var generation = dependency["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        var observed = status?["observedGeneration"]?.GetValue<long>() ?? -1;
        var ready = conditions.Any(c => c is { Type: ConditionTypes.Ready, Status: ConditionStatus.True });
        if (conditions.Count == 0 || generation != observed || !ready)
        {
            return $"dependency '{name}' is not ready";
        }
        var sourceRef = dependency["spec"]?["sourceRef"] as JsonObject;
        var sameSource = sourceRef?["kind"]?.GetValue<string>() == source.Kind
            && sourceRef["name"]?.GetValue<string>() == source.Name
            && (sourceRef["namespace"]?.GetValue<string>() ?? dependencyKey.Namespace) == source.Namespace;
        return sameSource && status?["lastAppliedRevision"]?.GetValue<string>() != sourceRevision
            ? $"dependency '{name}' revision is not up to date"
            : null;
    }
}
