using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Actors.Apply.Health;
using Fleet.Actors.Toolkit;
using Fleet.Actors.Reconciliation;
using Fleet.Messages;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Toolkit;

/// <summary>The pure shared reconcile pieces: Healthy condition texts, tenancy rules, event metadata and kind status.</summary>
public class ReconcileHelpersTests
{
    private static readonly ObjectRef App = new("apps", "v1", "Deployment", "ns", "app");

    [Fact]
    public void AHealthyOutcomeIsFluxsSucceededConditionWithTheWaitInGoDurationText()
    {
        var outcome = new HealthOutcome(new HealthCheckResult(true, "", []), TimeSpan.FromMilliseconds(1500));

        Assert.Equal(
            new Condition { Type = "Healthy", Status = "True", Reason = "Succeeded", Message = "Health check passed in 1.5s" },
            outcome.Condition);
        Assert.Equal("Health check passed in 2m3s", new HealthOutcome(new HealthCheckResult(true, "", []), TimeSpan.FromSeconds(123)).Message);
    }

    [Fact]
    public void AnUnhealthyOutcomeCarriesTheWaitsError()
    {
        var failure = "Deployment/ns/app status: 'Failed'";
        var outcome = new HealthOutcome(new HealthCheckResult(false, failure, [(App, ObjectHealth.Failed("ProgressDeadlineExceeded", "rollout failed"))]), TimeSpan.FromSeconds(3));

        Assert.Equal(new Condition { Type = "Healthy", Status = "False", Reason = "HealthCheckFailed", Message = failure }, outcome.Condition);
    }

    [Fact]
    public void TheDefaultServiceAccountStandsInOnlyForAnObjectThatNamesNone()
    {
        var flags = new ControllerFlags { DefaultServiceAccount = "reconciler" };

        Assert.Equal("reconciler", Tenancy.ServiceAccountFor(flags, null));
        Assert.Equal("reconciler", Tenancy.ServiceAccountFor(flags, ""));
        Assert.Equal("own", Tenancy.ServiceAccountFor(flags, "own"));
        Assert.Null(Tenancy.ServiceAccountFor(new ControllerFlags(), null));
    }

    [Fact]
    public void CrossNamespaceReferencesAreRefusedOnlyWhenLockedDownAndOnlyAcrossNamespaces()
    {
        var consumer = new ObjectKey("Kustomization", "team-a", "apps");
        var locked = new ControllerFlags { NoCrossNamespaceRefs = true };

        Assert.Null(Tenancy.CrossNamespaceRefused(locked, consumer, new ObjectKey("GitRepository", "team-a", "repo")));
        Assert.Null(Tenancy.CrossNamespaceRefused(new ControllerFlags(), consumer, new ObjectKey("GitRepository", "flux-system", "repo")));
        var refused = Tenancy.CrossNamespaceRefused(locked, consumer, new ObjectKey("GitRepository", "flux-system", "repo"));
        Assert.Equal(ReconcileOutcome.Stalled, refused?.Outcome);
        Assert.Equal("AccessDenied", refused?.Reason);
    }

    [Fact]
    public void EventMetadataIsKeyedByTheKindsGroupAsFluxWritesIt()
    {
        Assert.Empty(FluxEventMetadata.Revision("kustomize.toolkit.fluxcd.io", null));
        Assert.Equal(
            new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:a", ["kustomize.toolkit.fluxcd.io/commit_status"] = "update" },
            FluxEventMetadata.CommitStatus("kustomize.toolkit.fluxcd.io", "main@sha1:a"));
    }

    [Fact]
    public void ThePreviousStatusIsTheEntitysMemoryElseTheLiveObjectsCarriedFields()
    {
        var live = new JsonObject { ["status"] = new JsonObject { ["lastAppliedRevision"] = "live", ["lastHandledReconcileAt"] = "x" } };
        var key = new ObjectKey("Kustomization", "ns", "ks");
        KustomizationStatus Carried(KustomizationStatus s) => new() { LastAppliedRevision = s.LastAppliedRevision };

        var fromLive = KindStatus<KustomizationStatus>.Previous(new ReconcileRequest(key, live, 1, null, EntityState.Empty), Carried);
        var remembered = EntityState.Empty with { KindStatusJson = """{"lastAppliedRevision":"memory"}""" };
        var fromMemory = KindStatus<KustomizationStatus>.Previous(new ReconcileRequest(key, live, 1, null, remembered), Carried);

        Assert.Equal(("live", null), (fromLive.LastAppliedRevision, fromLive.LastHandledReconcileAt));
        Assert.Equal("memory", fromMemory.LastAppliedRevision);
        Assert.Null(KindStatus<KustomizationStatus>.Previous(new ReconcileRequest(key, [], 1, null, EntityState.Empty), Carried).LastAppliedRevision);
    }
}
