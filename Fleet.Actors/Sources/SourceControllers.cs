using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api;

namespace Fleet.Actors.Sources;

/// <summary>The kinds of Flux's source-controller that Fleet reconciles.</summary>
public static class SourceControllers
{
    public static ReconcilerRegistry<SourceServices> AddSourceControllers(this ReconcilerRegistry<SourceServices> controllers) =>
        controllers
            .Add(FluxKinds.GitRepository, RetryRule.Backoff, services => _ => new GitRepositoryReconciler(services))
            .Add(FluxKinds.OCIRepository, RetryRule.Backoff, services => _ => new Oci.OCIRepositoryReconciler(services));
}
