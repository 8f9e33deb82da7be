using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>Custom resources: immediate establishment, schema validation and pruning, status, CRD deletion.</summary>
public sealed class CrdTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    internal const string WidgetCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
           "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wg"]},
           "versions":[{"name":"v1","served":true,"storage":true,
             "subresources":{"status":{}},
             "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"}],
             "schema":{"openAPIV3Schema":{"type":"object","properties":{
               "spec":{"type":"object","required":["size"],"properties":{
                 "size":{"type":"integer","minimum":0},
                 "color":{"type":"string","enum":["red","blue"],"default":"red"}}},
               "status":{"type":"object","properties":{"ready":{"type":"boolean"}}}}}}}]}}
        """;

    private IKubernetes Client => fixture.Client;

    private async Task CreateCrdAsync()
    {
        var crds = await Client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
        if (crds.Items.All(c => c.Metadata.Name != "widgets.example.com"))
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(WidgetCrd));
        }
    }

    private Task<object> CreateWidgetAsync(string ns, string name, string spec) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse($$"""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"{{name}}"},"spec":{{spec}}}"""), "example.com", "v1", ns, "widgets");

    [Fact]
    public async Task ACreatedCrdIsEstablishedAndServedAtOnce()
    {
        await CreateCrdAsync();
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "NamesAccepted" && c.Status == "True");
        Assert.Equal(["v1"], crd.Status.StoredVersions);
        Assert.Equal("WidgetList", crd.Status.AcceptedNames.ListKind);

        var resources = await Client.CustomObjects.GetAPIResourcesAsync("example.com", "v1");
        Assert.Contains(resources.Resources, r => r.Name == "widgets" && r.ShortNames.Contains("wg") && r.Namespaced);
        Assert.Contains(resources.Resources, r => r.Name == "widgets/status");
    }

    [Fact]
    public async Task CustomResourcesAreDefaultedPrunedAndValidated()
    {
        await CreateCrdAsync();
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "crs" } });
        var created = JsonNode.Parse(((JsonElement)await CreateWidgetAsync("crs", "w1", """{"size":2,"unknown":"x"}""")).GetRawText())!;
        Assert.Equal("red", created["spec"]!["color"]!.GetValue<string>());
        Assert.Null(created["spec"]!["unknown"]);
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateWidgetAsync("crs", "w2", """{"size":"big","color":"pink"}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal(
            "Widget.example.com \"w2\" is invalid: [spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\", spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\"]",
            status["message"]!.GetValue<string>());

        e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"strict"},"spec":{"size":1,"bogus":true}}"""), "example.com", "v1", "crs", "widgets", fieldValidation: "Strict"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"", JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>());

        e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateWidgetAsync("crs", "w3", """{"color":"blue"}"""));
        Assert.Equal("Widget.example.com \"w3\" is invalid: spec.size: Required value", JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>());

        var patched = JsonNode.Parse(((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"ready":true}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "crs", "widgets", "w1")).GetRawText())!;
        Assert.True(patched["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal(1, patched["metadata"]!["generation"]!.GetValue<long>());
        var resized = JsonNode.Parse(((JsonElement)await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"size":3}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "crs", "widgets", "w1")).GetRawText())!;
        Assert.Equal(2, resized["metadata"]!["generation"]!.GetValue<long>());

        var smp = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"size":4}}""", V1Patch.PatchType.StrategicMergePatch), "example.com", "v1", "crs", "widgets", "w1"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, smp.Response.StatusCode);
    }

    [Fact]
    public async Task DeletingTheCrdRemovesItsObjectsAndStopsServingThem()
    {
        var crd = KubernetesJson.Deserialize<V1CustomResourceDefinition>(WidgetCrd.Replace("widgets", "gadgets", StringComparison.Ordinal).Replace("Widget", "Gadget", StringComparison.Ordinal).Replace("\"wg\"", "\"gd\"", StringComparison.Ordinal));
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "gadgets" } });
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{"size":1}}"""), "example.com", "v1", "gadgets", "gadgets");

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("gadgets.example.com");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "gadgets", "gadgets"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var list = JsonNode.Parse(((JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "gadgets", "gadgets")).GetRawText())!;
        Assert.Empty(list["items"]!.AsArray());
    }
}
