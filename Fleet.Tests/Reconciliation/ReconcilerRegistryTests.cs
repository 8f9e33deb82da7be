using Fleet.Actors.Kustomize;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Tests.Support;

namespace Fleet.Tests.Reconciliation;

/// <summary>What a domain's registration gives a node: its reconcilers, built once per node, and its retry rule.</summary>
public class ReconcilerRegistryTests
{
    private static readonly ObjectKey Key = new("Kustomization", "flux-system", "apps");

    [Fact]
    public void ARegisteredKindIsSetUpOncePerNodeAndReconciledWithItsRetryRule()
    {
        var setUps = 0;
        var reconciler = new ScriptedReconciler();
        var catalog = new ReconcilerRegistry<string>()
            .Add(FluxKinds.Kustomization, RetryRule.RetryInterval, services =>
            {
                setUps++;
                Assert.Equal("node services", services);
                return _ => reconciler;
            })
            .CatalogFor("node services");

        Assert.Equal(0, setUps);
        Assert.Same(reconciler, catalog.Create(FluxKinds.Kustomization, Key));
        Assert.Same(reconciler, catalog.Create(FluxKinds.Kustomization, Key with { Name = "infra" }));
        Assert.Equal(1, setUps);
        Assert.Equal(RetryRule.RetryInterval, catalog.RetryRuleOf(FluxKinds.Kustomization));
    }

    [Fact]
    public void AKindWithoutARegistrationOrANodeWithoutServicesSaysFleetDoesNotReconcileIt()
    {
        var registry = new ReconcilerRegistry<string>().Add(FluxKinds.Kustomization, RetryRule.RetryInterval, _ => _ => new ScriptedReconciler());

        Assert.IsType<UnimplementedKindReconciler>(registry.CatalogFor("services").Create(FluxKinds.HelmRelease, Key));
        Assert.IsType<UnimplementedKindReconciler>(registry.CatalogFor(null).Create(FluxKinds.Kustomization, Key));
        Assert.Equal(RetryRule.Backoff, registry.CatalogFor("services").RetryRuleOf(FluxKinds.GitRepository));
    }

    [Fact]
    public void AKindIsRegisteredOnce() =>
        Assert.Throws<InvalidOperationException>(() => new ReconcilerRegistry<string>()
            .Add(FluxKinds.GitRepository, RetryRule.Backoff, _ => _ => new ScriptedReconciler())
            .Add(FluxKinds.GitRepository, RetryRule.Backoff, _ => _ => new ScriptedReconciler()));

    [Fact]
    public void SourcesBackOffAndKustomizationsRetryAtTheirRetryIntervalAsFluxsControllersDo()
    {
        var catalog = new ReconcilerRegistry<SourceServices>().AddSourceControllers().AddKustomizeControllers().CatalogFor(null);

        Assert.Equal(RetryRule.Backoff, catalog.RetryRuleOf(FluxKinds.GitRepository));
        Assert.Equal(RetryRule.RetryInterval, catalog.RetryRuleOf(FluxKinds.Kustomization));
    }
}
