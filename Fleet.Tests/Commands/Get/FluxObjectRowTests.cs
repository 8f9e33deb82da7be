using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Get;

namespace Fleet.Tests.Commands.Get;

public class FluxObjectRowTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void ASourceShowsItsArtifactRevisionAndReadyConditionShortened()
    {
        var row = FluxObjectRow.From(FluxKinds.GitRepository, Object(
            spec: new JsonObject { ["suspend"] = true },
            status: new JsonObject
            {
                ["artifact"] = new JsonObject { ["revision"] = $"main@sha1:{Sha}" },
                ["conditions"] = Conditions(("Reconciling", "False", "x"), ("Ready", "True", $"stored artifact for revision 'main@sha1:{Sha}'")),
            }));

        Assert.Equal(new FluxObjectRow("GitRepository", "flux-system", "podinfo", "main@sha1:01234567", "True", "True", "stored artifact for revision 'main@sha1:01234567'"), row);
    }

    [Fact]
    public void AKustomizationShowsTheLastAppliedRevision()
    {
        var row = FluxObjectRow.From(FluxKinds.Kustomization, Object(status: new JsonObject
        {
            ["lastAppliedRevision"] = $"main@sha1:{Sha}",
            ["lastAttemptedRevision"] = "main@sha1:ffffffffffffffffffffffffffffffffffffffff",
            ["conditions"] = Conditions(("Ready", "False", "kustomize build failed")),
        }));

        Assert.Equal(("main@sha1:01234567", "False", "False", "kustomize build failed"), (row.Revision, row.Suspended, row.Ready, row.Message));
    }

    [Fact]
    public void AnObjectWithoutAReadyConditionIsWaitingToBeReconciled()
    {
        var row = FluxObjectRow.From(FluxKinds.Kustomization, Object());

        Assert.Equal(("", "False", "waiting to be reconciled"), (row.Revision, row.Ready, row.Message));
    }

    [Fact]
    public void AHelmReleaseShowsTheChartVersionOfItsLatestReleaseElseTheAttemptedRevision()
    {
        var released = FluxObjectRow.From(FluxKinds.HelmRelease, Object(status: new JsonObject
        {
            ["lastAttemptedRevision"] = "6.5.0",
            ["history"] = new JsonArray(new JsonObject { ["chartVersion"] = "6.4.1" }, new JsonObject { ["chartVersion"] = "6.4.0" }),
        }));
        var attempted = FluxObjectRow.From(FluxKinds.HelmRelease, Object(status: new JsonObject { ["lastAttemptedRevision"] = "6.5.0" }));

        Assert.Equal("6.4.1", released.Revision);
        Assert.Equal("6.5.0", attempted.Revision);
    }

    [Fact]
    public void AnOciHelmRepositoryIsAlwaysReadyAsFluxReportsIt()
    {
        var row = FluxObjectRow.From(FluxKinds.HelmRepository, Object(spec: new JsonObject { ["type"] = "oci" }));

        Assert.Equal(("True", "Helm repository is Ready"), (row.Ready, row.Message));
    }

    [Fact]
    public void AChartRevisionIsAVersionAndStaysWhole()
    {
        var digest = new string('a', 64);
        var row = FluxObjectRow.From(FluxKinds.HelmChart, Object(status: new JsonObject { ["artifact"] = new JsonObject { ["revision"] = $"1.0.0+{digest}" } }));

        Assert.Equal($"1.0.0+{digest}", row.Revision);
    }

    private static JsonObject Object(JsonObject? spec = null, JsonObject? status = null)
    {
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "podinfo", ["namespace"] = "flux-system" }, ["spec"] = spec ?? new JsonObject() };
        if (status is not null)
        {
            obj["status"] = status;
        }
        return obj;
    }

    private static JsonArray Conditions(params (string Type, string Status, string Message)[] conditions) =>
        new([.. conditions.Select(c => (JsonNode)new JsonObject { ["type"] = c.Type, ["status"] = c.Status, ["reason"] = "R", ["message"] = c.Message })]);
}
