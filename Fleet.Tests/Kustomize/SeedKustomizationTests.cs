using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kustomize;

/// <summary>The API server authorizes with RBAC, so impersonating a tenant's service account limits what it can apply.</summary>
public sealed class RbacKustomizationTestBed : KustomizationTestBed
{
    protected override SandboxApiServerOptions Options => base.Options with { Rbac = true };
}

/// <summary>
/// The seed's Kustomizations, applied exactly as users wrote them, reconcile: health checks, dependency
/// ordering, and tenancy, where team-a's service account cannot reach beyond its namespace.
/// </summary>
public sealed class SeedKustomizationTests(RbacKustomizationTestBed bed) : IClassFixture<RbacKustomizationTestBed>, IAsyncLifetime
{
    private const string FluxSystem = "flux-system";
    private GitWorkRepository _myApp = null!;
    private GitWorkRepository _fleetInfra = null!;

    public async Task InitializeAsync()
    {
        foreach (var ns in new[] { FluxSystem, "production", "team-a", "infra" })
        {
            await bed.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        _myApp = bed.CreateRepository("my-app");
        _myApp.Write("deploy/production/deployment.yaml", ManifestTree.DeploymentYaml("my-app", "ghcr.io/example/my-app:1.0.0", replicas: 2)).Commit("my-app");
        _fleetInfra = bed.CreateRepository("fleet-infra");
        _fleetInfra
            .Write("infrastructure/config.yaml", ConfigMap("platform", "1", "infra"))
            .Write("apps/app.yaml", ConfigMap("applications", "1", "infra"))
            .Write("teams/team-a/config.yaml", ConfigMap("team-a-config", null))
            .Commit("fleet");
        await bed.CreateGitRepositoryAsync(FluxSystem, "my-app", _myApp);
        await bed.CreateGitRepositoryAsync(FluxSystem, "fleet-infra", _fleetInfra);
        await bed.CreateKustomizationAsync(FluxSystem, "infrastructure", new JsonObject
        {
            ["interval"] = "10m",
            ["path"] = "./infrastructure",
            ["prune"] = true,
            ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "fleet-infra" },
        });
        await GrantTeamAItsNamespaceAsync();
        foreach (var document in YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(RepositoryPaths.SeedExamples, "kustomizations.yaml"))).OfType<JsonObject>())
        {
            await bed.Client.CustomObjects.CreateNamespacedCustomObjectAsync(document, FluxGroups.Kustomize, "v1", FluxSystem, "kustomizations");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheSeedKustomizationsBecomeReadyAndATenantCannotReachBeyondItsNamespace()
    {
        var myApp = await bed.ReadyAsync(FluxSystem, "my-app", TimeSpan.FromSeconds(60));
        Assert.Equal($"main@sha1:{_myApp.Head()}", myApp["status"]!["lastAppliedRevision"]!.GetValue<string>());
        Assert.NotNull(await bed.Client.AppsV1.ReadNamespacedDeploymentAsync("my-app", "production"));
        await bed.ReadyAsync(FluxSystem, "applications", TimeSpan.FromSeconds(60));
        await bed.ReadyAsync(FluxSystem, "team-a", TimeSpan.FromSeconds(60));
        Assert.NotNull(await bed.Client.CoreV1.ReadNamespacedConfigMapAsync("team-a-config", "team-a"));

        // The tenant tries to grant itself cluster-admin: the API server refuses its service account, and
        // nothing of that revision is applied, not even the change it was allowed to make.
        _fleetInfra
            .Write("teams/team-a/config.yaml", ConfigMap("team-a-config", "changed"))
            .Write("teams/team-a/escalate.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: team-a-escalates
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: cluster-admin
                subjects:
                  - kind: ServiceAccount
                    name: team-a-reconciler
                    namespace: flux-system
                """);
        await bed.PushAsync(_fleetInfra, FluxSystem, "fleet-infra", "team-a reaches out");
        var refused = await bed.NotReadyAsync(FluxSystem, "team-a", ConditionReasons.ReconciliationFailed, TimeSpan.FromSeconds(30));
        var message = KustomizationTestBed.MessageOf(refused);
        Assert.Contains("forbidden", message, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:flux-system:team-a-reconciler", message, StringComparison.Ordinal);
        Assert.False((await bed.Client.CoreV1.ReadNamespacedConfigMapAsync("team-a-config", "team-a")).Data?.ContainsKey("value") == true);
        Assert.DoesNotContain((await bed.Client.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items, b => b.Metadata.Name == "team-a-escalates");
    }

    private async Task GrantTeamAItsNamespaceAsync()
    {
        await bed.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "team-a-reconciler" } }, FluxSystem);
        await bed.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role
            {
                Metadata = new V1ObjectMeta { Name = "team-a-reconciler" },
                Rules = [new V1PolicyRule { ApiGroups = ["*"], Resources = ["*"], Verbs = ["*"] }],
            },
            "team-a");
        await bed.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "team-a-reconciler" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "team-a-reconciler" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "team-a-reconciler", NamespaceProperty = FluxSystem }],
            },
            "team-a");
    }

    private static string ConfigMap(string name, string? value, string? ns = null) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n"
        + (ns is null ? "" : $"  namespace: {ns}\n")
        + (value is null ? "" : $"data:\n  value: \"{value}\"\n");
}
