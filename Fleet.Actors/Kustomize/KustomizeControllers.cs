using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api;

namespace Fleet.Actors.Kustomize;

/// <summary>The kinds of Flux's kustomize-controller that Fleet reconciles.</summary>
public static class KustomizeControllers
{
    public static ReconcilerRegistry<SourceServices> AddKustomizeControllers(this ReconcilerRegistry<SourceServices> controllers) =>
        controllers.Add(FluxKinds.Kustomization, RetryRule.RetryInterval, services =>
        {
            var tool = KustomizeTool.Locate();
            // One per node: every Kustomization of a revision builds from the same unpacked artifact.
            var artifacts = new UnpackedArtifacts(services.Http, Path.Combine(services.DataDirectory, "build-artifacts"));
            return _ => new KustomizationReconciler(services, tool, artifacts);
        });
}
