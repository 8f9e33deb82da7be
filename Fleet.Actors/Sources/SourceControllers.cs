using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources.Helm;
using Fleet.Messages.Api;

namespace Fleet.Actors.Sources;

/// <summary>The kinds of Flux's source-controller that Fleet reconciles.</summary>
public static class SourceControllers
{
    public static ReconcilerRegistry<SourceServices> AddSourceControllers(this ReconcilerRegistry<SourceServices> controllers) =>
        controllers
            .Add(FluxKinds.GitRepository, RetryRule.Backoff, services => _ => new GitRepositoryReconciler(services))
            .Add(FluxKinds.HelmRepository, RetryRule.Backoff, services => _ => new HelmRepositoryReconciler(services))
            .Add(FluxKinds.HelmChart, RetryRule.Backoff, services =>
            {
                // One per node: every HelmChart shares the loaded indexes and the downloaded charts.
                var caches = HelmChartNodeCaches.For(services);
                return _ => new HelmChartReconciler(services, caches);
            });
}
