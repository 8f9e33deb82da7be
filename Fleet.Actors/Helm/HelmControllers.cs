using Fleet.Actors.Kustomize;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api;

namespace Fleet.Actors.Helm;

/// <summary>The kinds of Flux's helm-controller that Fleet reconciles.</summary>
public static class HelmControllers
{
    public static ReconcilerRegistry<SourceServices> AddHelmControllers(this ReconcilerRegistry<SourceServices> controllers) =>
        controllers.Add(FluxKinds.HelmRelease, RetryRule.RetryInterval, services =>
        {
            var home = Path.Combine(services.DataDirectory, "helm");
            // One per node: helm processes share the cores, and releases of one chart version unpack it once.
            var helm = new HelmProcess(Sources.Helm.HelmTool.Locate(), home, Math.Max(2, Environment.ProcessorCount * 2));
            var kubeconfigs = new HelmKubeconfigs(services.Clusters, Path.Combine(home, "kubeconfigs"));
            var artifacts = new UnpackedArtifacts(services.Http, Path.Combine(home, "charts"));
            var kustomize = KustomizeTool.Locate();
            return _ => new HelmReleaseReconciler(services, helm, kubeconfigs, artifacts, kustomize, Path.Combine(home, "work"));
        });
}
