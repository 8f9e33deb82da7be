using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api;

namespace Fleet.Tests.Reconciliation;

/// <summary>The annotations Flux's event recorder puts on an Event, which notification-controller and Flux's tools read.</summary>
public class FluxEventMetadataTests
{
    private static readonly ObjectEvent Applied = new(ObjectEvent.Normal, "ReconciliationSucceeded", "applied");

    [Fact]
    public void TheRevisionGoesUnderTheKindsApiGroup()
    {
        Assert.Equal("main@sha1:aaa", FluxEventMetadata.WithRevision(Applied, FluxKinds.Kustomization, "main@sha1:aaa").Annotations["kustomize.toolkit.fluxcd.io/revision"]);
        Assert.Equal("sha256:01", FluxEventMetadata.WithRevision(Applied, FluxKinds.OCIRepository, "sha256:01").Annotations["source.toolkit.fluxcd.io/revision"]);
        Assert.Empty(FluxEventMetadata.WithRevision(Applied, FluxKinds.Kustomization, null).Annotations);
    }

    [Fact]
    public void OnlyTheObjectsEventToolkitAnnotationsAreCopied()
    {
        var obj = JsonNode.Parse("""
            {"metadata":{"annotations":{"event.toolkit.fluxcd.io/env":"prod","reconcile.fluxcd.io/requestedAt":"now","team":"a"}}}
            """)!.AsObject();

        var annotated = FluxEventMetadata.WithObjectAnnotations(Applied with { Annotations = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "r" } }, obj);

        Assert.Equal(new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "r", ["event.toolkit.fluxcd.io/env"] = "prod" }, annotated.Annotations);
        Assert.Same(Applied, FluxEventMetadata.WithObjectAnnotations(Applied, new JsonObject()));
    }
}
