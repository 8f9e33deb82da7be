using System.Net;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox;
using Fleet.Tests.Sandbox.Conformance;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>Authorization with <c>--rbac</c>: bindings decide what impersonated users and service accounts may do.</summary>
public sealed class RbacTests(RbacServerFixture fixture) : IClassFixture<RbacServerFixture>
{
    private const string Sa = "system:serviceaccount:tenant:deployer";

    private async Task SetUpTenantAsync()
    {
        var admin = fixture.Client;
        if ((await admin.CoreV1.ListNamespaceAsync()).Items.Any(n => n.Metadata.Name == "tenant"))
        {
            return;
        }

        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "tenant" } });
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "cm-reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list", "watch"] }],
        }, "tenant");
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "deployer-reads" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "cm-reader" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "deployer", NamespaceProperty = "tenant" }],
        }, "tenant");
        await admin.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = "ns-viewer" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces"], Verbs = ["get", "list"] }],
        });
        await admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "all-sas-view-ns" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "ns-viewer" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "system:serviceaccounts" }],
        });
        await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "visible" } }, "tenant");
    }

    [Fact]
    public async Task AnImpersonatedServiceAccountMayOnlyDoWhatItsBindingsAllow()
    {
        await SetUpTenantAsync();
        using var sa = fixture.Server.CreateClient(new ImpersonationHandler(Sa));
        Assert.Single((await sa.CoreV1.ListNamespacedConfigMapAsync("tenant")).Items);
        Assert.Contains((await sa.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "tenant");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sa.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "tenant"));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Equal($"configmaps is forbidden: User \"{Sa}\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"tenant\"", status["message"]!.GetValue<string>());

        e = await Assert.ThrowsAsync<HttpOperationException>(() => sa.AppsV1.ReadNamespacedDeploymentAsync("web", "tenant"));
        Assert.Equal($"deployments.apps \"web\" is forbidden: User \"{Sa}\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"tenant\"", JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>());

        e = await Assert.ThrowsAsync<HttpOperationException>(() => sa.CoreV1.ListNamespacedConfigMapAsync("default"));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        Assert.Single((await fixture.Client.CoreV1.ListNamespacedConfigMapAsync("tenant")).Items);
    }

    [Fact]
    public async Task WithATokenRequestsWithoutItAreUnauthorized()
    {
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { Token = "secret" });
        using var anonymous = new Kubernetes(new KubernetesClientConfiguration { Host = server.Url });
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Response.StatusCode);
        using var client = server.CreateClient();
        Assert.Contains((await client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task KubectlAsImpersonatedUserGetsTheForbiddenMessage()
    {
        await SetUpTenantAsync();
        var cli = new CliRun(fixture.Kubeconfig, fixture.Directory);
        var denied = (await cli.RunAsync(ToolLocator.Kubectl132, ["--as", Sa, "create", "configmap", "nope", "-n", "tenant"])).Failed();
        Assert.True(denied.Stderr.Contains($"configmaps is forbidden: User \"{Sa}\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"tenant\"", StringComparison.Ordinal), denied.Stderr);
        (await cli.RunAsync(ToolLocator.Kubectl132, ["--as", Sa, "get", "configmap", "visible", "-n", "tenant"])).Succeeded();
        var forbiddenGet = (await cli.RunAsync(ToolLocator.Kubectl132, ["--as", Sa, "get", "secrets", "-n", "tenant"])).Failed();
        Assert.True(forbiddenGet.Stderr.Contains($"Error from server (Forbidden): secrets is forbidden: User \"{Sa}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"tenant\"", StringComparison.Ordinal), forbiddenGet.Stderr);
    }
}
