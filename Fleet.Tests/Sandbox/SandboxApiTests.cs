using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>The HTTP API through KubernetesClient and raw requests: verbs, errors, defaulting, subresources.</summary>
public sealed class SandboxApiTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private IKubernetes Client => fixture.Client;

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static async Task<JsonObject> StatusOf(Func<Task> call, HttpStatusCode expected)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(expected, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!.AsObject();
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal((int)expected, status["code"]!.GetValue<int>());
        return status;
    }

    private async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, fixture.Server.Url + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task DiscoveryServesGroupsVersionsAndResourceDetails()
    {
        var core = await Client.CoreV1.GetAPIResourcesAsync();
        var ns = Assert.Single(core.Resources, r => r.Name == "namespaces");
        Assert.False(ns.Namespaced);
        Assert.Equal(["ns"], ns.ShortNames);
        var groups = await Client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "apps" && g.PreferredVersion.Version == "v1");
        var apps = await Client.AppsV1.GetAPIResourcesAsync();
        var deployments = Assert.Single(apps.Resources, r => r.Name == "deployments");
        Assert.Equal("deployment", deployments.SingularName);
        Assert.Equal(["all"], deployments.Categories);
        Assert.Contains("watch", deployments.Verbs);
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
        Assert.Contains(apps.Resources, r => r.Name == "deployments/scale" && r.Kind == "Scale");

        var (code, _) = await SendAsync(HttpMethod.Get, "/openapi/v2");
        Assert.Equal(HttpStatusCode.NotFound, code);
        var (_, index) = await SendAsync(HttpMethod.Get, "/openapi/v3");
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", index["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorsAreStatusBodiesWithTheRealWording()
    {
        var ns = await NamespaceAsync("errors");
        var notFound = await StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("x", ns), HttpStatusCode.NotFound);
        Assert.Equal("configmaps \"x\" not found", notFound["message"]!.GetValue<string>());
        Assert.Equal("NotFound", notFound["reason"]!.GetValue<string>());
        Assert.Equal("configmaps", notFound["details"]!["kind"]!.GetValue<string>());

        var missingNs = await StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "absent"), HttpStatusCode.NotFound);
        Assert.Equal("namespaces \"absent\" not found", missingNs["message"]!.GetValue<string>());

        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = ns } };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        var exists = await StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns), HttpStatusCode.Conflict);
        Assert.Equal("AlreadyExists", exists["reason"]!.GetValue<string>());

        var deployment = await StatusOf(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns), HttpStatusCode.NotFound);
        Assert.Equal("deployments.apps \"web\" not found", deployment["message"]!.GetValue<string>());
        Assert.Equal("apps", deployment["details"]!["group"]!.GetValue<string>());

        var invalid = await StatusOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "Bad_Name" } }, ns), HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedBodiesAndUnknownResourcesAreRejectedWithoutHarm()
    {
        var ns = await NamespaceAsync("malformed");
        var (code, status) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "{\"metadata\": {");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());

        (code, status) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "metadata: [unclosed", "application/yaml");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("YAML", status["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (code, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "{\"metadata\": {\"name\": 5}}");
        Assert.Equal(HttpStatusCode.BadRequest, code);

        (code, status) = await SendAsync(HttpMethod.Get, "/apis/nothing.example.com/v1/widgets");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());

        (code, _) = await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", "{}", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task UpdateNeedsTheCurrentResourceVersionUnlessItIsEmpty()
    {
        var ns = await NamespaceAsync("update");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);
        created.Data["a"] = "2";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        created.Data["a"] = "3";
        var conflict = await StatusOf(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns), HttpStatusCode.Conflict);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again", conflict["message"]!.GetValue<string>());

        created.Metadata.ResourceVersion = null;
        var unconditional = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns);
        Assert.Equal("3", unconditional.Data["a"]);

        var same = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(unconditional, "c", ns);
        Assert.Equal(unconditional.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task DeploymentsAreDefaultedAndGenerationFollowsSpecChangesOnly()
    {
        var ns = await NamespaceAsync("deploy");
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        Assert.Equal(1, created.Spec.Replicas);
        Assert.Equal(600, created.Spec.ProgressDeadlineSeconds);
        Assert.Equal(10, created.Spec.RevisionHistoryLimit);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal("25%", created.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        var container = created.Spec.Template.Spec.Containers[0];
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
        Assert.Equal("ClusterFirst", created.Spec.Template.Spec.DnsPolicy);
        Assert.Equal(30, created.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Equal(1, created.Metadata.Generation);

        var labelled = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("{\"metadata\":{\"labels\":{\"x\":\"y\"}}}", V1Patch.PatchType.MergePatch), "web", ns);
        Assert.Equal(1, labelled.Metadata.Generation);
        var withStatus = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch("{\"status\":{\"collisionCount\":7}}", V1Patch.PatchType.MergePatch), "web", ns);
        Assert.Equal(1, withStatus.Metadata.Generation);
        Assert.Equal(7, withStatus.Status.CollisionCount);
        var ignored = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("{\"status\":{\"collisionCount\":9}}", V1Patch.PatchType.MergePatch), "web", ns);
        Assert.NotEqual(9, ignored.Status.CollisionCount);
        var scaled = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]", V1Patch.PatchType.JsonPatch), "web", ns);
        Assert.Equal(2, scaled.Metadata.Generation);
        Assert.Equal(3, scaled.Spec.Replicas);

        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);
        Assert.Equal(3, scale.Spec.Replicas);
        Assert.Equal("app=web", scale.Status.Selector);
        // The sandbox's deployment controller writes the status meanwhile, so the update reads again on a conflict, as kubectl scale does.
        for (var attempt = 1; ; attempt++)
        {
            scale.Spec.Replicas = 5;
            try
            {
                await Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", ns);
                break;
            }
            catch (k8s.Autorest.HttpOperationException conflict) when (conflict.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5)
            {
                scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns);
            }
        }
        var after = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(5, after.Spec.Replicas);
        Assert.Equal(3, after.Metadata.Generation);
    }

    [Fact]
    public async Task ServicesAndSecretsAreDefaulted()
    {
        var ns = await NamespaceAsync("svc");
        var service = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, ns);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal("None", service.Spec.SessionAffinity);
        Assert.Matches(@"^10\.96\.\d+\.\d+$", service.Spec.ClusterIP);
        Assert.Equal("TCP", service.Spec.Ports[0].Protocol);
        Assert.Equal("80", service.Spec.Ports[0].TargetPort.Value);
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        Assert.Equal("Opaque", secret.Type);
        Assert.Null(secret.Metadata.Generation);
    }

    [Fact]
    public async Task ListHonoursSelectorsAndPagesWithContinueTokens()
    {
        var ns = await NamespaceAsync("paging");
        for (var i = 0; i < 5; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"c{i}", Labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "even" : "odd", ["n"] = $"{i}" } } }, ns);
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: token);
            Assert.True(page.Items.Count <= 2);
            names.AddRange(page.Items.Select(c => c.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], names);

        var even = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier=even,n notin (4),n>0");
        Assert.Equal(["c2"], even.Items.Select(c => c.Metadata.Name));
        var byName = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name!=c0,metadata.namespace=" + ns);
        Assert.Equal(4, byName.Items.Count);
        var unsupported = await StatusOf(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "data.a=1"), HttpStatusCode.BadRequest);
        Assert.Equal("field label not supported: data.a", unsupported["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteCollectionAndFinalizersWork()
    {
        var ns = await NamespaceAsync("deletion");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept", Finalizers = ["example.com/hold"] } }, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "gone", Labels = new Dictionary<string, string> { ["x"] = "1" } } }, ns);

        var held = await Client.CoreV1.DeleteNamespacedConfigMapAsync("kept", ns);
        Assert.NotNull((await Client.CoreV1.ReadNamespacedConfigMapAsync("kept", ns)).Metadata.DeletionTimestamp);
        Assert.Equal(HttpStatusCode.OK, HttpStatusCode.OK);
        Assert.NotNull(held);

        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "x=1");
        await StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("gone", ns), HttpStatusCode.NotFound);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]", V1Patch.PatchType.JsonPatch), "kept", ns);
        await StatusOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("kept", ns), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GenerateNameProducesAUniqueName()
    {
        var ns = await NamespaceAsync("generate");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "job-" } }, ns);
        Assert.Matches("^job-[a-z0-9]{5}$", created.Metadata.Name);
    }

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
            },
        },
    };

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
