using System.Text.Json.Nodes;
using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply;

public sealed class MetadataCleanupTests
{
    private readonly MetadataCleanup _cleanup = new(ApplyOwner.Fleet);

    private static JsonObject Entry(string manager, string operation, string fields, string? subresource = null)
    {
        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = "v1",
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = JsonNode.Parse(fields),
        };
        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        return entry;
    }

    private static JsonObject Live(params JsonObject[] managers) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "a", ["managedFields"] = new JsonArray([.. managers]) },
    };

    [Fact]
    public void AnObjectOnlyFleetAppliedNeedsNoCleanup()
    {
        Assert.Empty(_cleanup.Patch(Live(Entry("fleet", "Apply", """{"f:data":{"f:k":{}}}"""), Entry("other-controller", "Update", "{}"))));
    }

    [Fact]
    public void RemovesClientSideApplyAndLegacyFluxMarkers()
    {
        var live = Live();
        live["metadata"]!["annotations"] = new JsonObject
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = "{}",
            ["kustomize.toolkit.fluxcd.io/checksum"] = "x",
            ["keep"] = "me",
        };
        live["metadata"]!["labels"] = new JsonObject { ["fluxcd.io/sync-gc-mark"] = "x" };

        var patch = _cleanup.Patch(live);

        Assert.Equal(
            """[{"op":"remove","path":"/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration"},{"op":"remove","path":"/metadata/annotations/kustomize.toolkit.fluxcd.io~1checksum"},{"op":"remove","path":"/metadata/labels/fluxcd.io~1sync-gc-mark"}]""",
            patch.ToJsonString());
    }

    [Fact]
    public void MergesKubectlEditsIntoFleetsApplyEntryAndKeepsOtherManagers()
    {
        var live = Live(
            Entry("fleet", "Apply", """{"f:data":{"f:k":{}}}"""),
            Entry("kubectl-edit", "Update", """{"f:data":{"f:x":{}}}"""),
            Entry("hpa-controller", "Update", """{"f:spec":{"f:replicas":{}}}"""),
            Entry("kubectl", "Update", """{"f:status":{}}""", subresource: "status"));

        var patch = Assert.Single(_cleanup.Patch(live))!.AsObject();

        Assert.Equal("replace", patch["op"]!.GetValue<string>());
        Assert.Equal("/metadata/managedFields", patch["path"]!.GetValue<string>());
        var managers = patch["value"]!.AsArray().Select(e => $"{e!["manager"]}/{e["operation"]}").ToList();
        Assert.Equal(["fleet/Apply", "hpa-controller/Update", "kubectl/Update"], managers);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{"f:k":{},"f:x":{}}}"""), patch["value"]![0]!["fieldsV1"]));
    }

    [Fact]
    public void AdoptsFluxsEntryWhenFleetHasNone()
    {
        var live = Live(
            Entry("kustomize-controller", "Apply", """{"f:data":{"f:k":{}}}"""),
            Entry("before-first-apply", "Update", """{"f:metadata":{"f:labels":{"f:l":{}}}}"""));

        var value = Assert.Single(_cleanup.Patch(live))!["value"]!.AsArray();

        var entry = Assert.Single(value)!;
        Assert.Equal("fleet", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:l":{}}}}"""), entry["fieldsV1"]));
    }

    [Theory]
    [InlineData("kubectl", "Apply", true)]
    [InlineData("kubectl", "Update", true)]
    [InlineData("kubectl-client-side-apply", "Update", true)]
    [InlineData("kubectl-client-side-apply", "Apply", false)]
    [InlineData("before-first-apply", "Update", true)]
    [InlineData("kustomize-controller", "Apply", true)]
    [InlineData("fleet", "Update", true)]
    [InlineData("helm", "Update", false)]
    public void TakesOverKubectlFluxAndItsOwnUpdates(string manager, string operation, bool takenOver)
    {
        Assert.Equal(takenOver, _cleanup.IsTakenOver(manager, operation, subresource: null));
    }
}
