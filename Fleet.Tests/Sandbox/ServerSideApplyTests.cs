using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>Server-side apply and managedFields through KubernetesClient, as Flux's apply engine uses them.</summary>
public sealed class ServerSideApplyTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private IKubernetes Client => fixture.Client;

    private async Task<JsonNode> ApplyAsync(string ns, string name, string data, string manager = "kustomize-controller", string? dryRun = null, bool force = true)
    {
        var body = $$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{name}}","namespace":"{{ns}}"},"data":{{data}}}""";
        var result = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "", "v1", ns, "configmaps", name, dryRun: dryRun, fieldManager: manager, force: force);
        return JsonNode.Parse(((JsonElement)result).GetRawText())!;
    }

    private static string Rv(JsonNode obj) => obj["metadata"]!["resourceVersion"]?.GetValue<string>() ?? "";

    [Fact]
    public async Task DryRunCreateReturnsAnEmptyResourceVersionAndStoresNothing()
    {
        const string ns = "ssa-dry";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var dry = await ApplyAsync(ns, "c", """{"a":"1"}""", dryRun: "All");
        Assert.Equal("", Rv(dry));
        Assert.Equal("1", dry["data"]!["a"]!.GetValue<string>());
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task ANoOpApplyChangesNothingNotEvenTheResourceVersion()
    {
        const string ns = "ssa-noop";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var created = await ApplyAsync(ns, "c", """{"a":"1","b":"2"}""");
        var entry = created["metadata"]!["managedFields"]!.AsArray().Single()!;
        Assert.Equal("kustomize-controller", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());

        var again = await ApplyAsync(ns, "c", """{"a":"1","b":"2"}""");
        Assert.Equal(Rv(created), Rv(again));
        Assert.True(JsonNode.DeepEquals(created, again), "a no-op apply returned a different object");
        var dry = await ApplyAsync(ns, "c", """{"a":"1","b":"2"}""", dryRun: "All");
        Assert.True(JsonNode.DeepEquals(created, dry), "a no-op dry-run apply differs from the stored object");

        var dropped = await ApplyAsync(ns, "c", """{"a":"1"}""");
        Assert.NotEqual(Rv(created), Rv(dropped));
        Assert.Null(dropped["data"]!["b"]);
    }

    [Fact]
    public async Task ConflictsNameTheManagerAndForceTakesOwnership()
    {
        const string ns = "ssa-conflict";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await ApplyAsync(ns, "c", """{"a":"1"}""", manager: "first");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(ns, "c", """{"a":"2"}""", manager: "second", force: false));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .data.a", status["message"]!.GetValue<string>());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Equal(".data.a", cause["field"]!.GetValue<string>());

        var forced = await ApplyAsync(ns, "c", """{"a":"2"}""", manager: "second", force: true);
        Assert.Equal("2", forced["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task NonApplyWritesRecordUpdateEntriesAndApplyNeedsAFieldManager()
    {
        const string ns = "ssa-update";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, fieldManager: "helm");
        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("helm", "Update"), (entry.Manager, entry.Operation));

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", V1Patch.PatchType.ApplyPatch), "", "v1", ns, "configmaps", "c"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("fieldManager: Required value", e.Response.Content, StringComparison.Ordinal);
    }
}
