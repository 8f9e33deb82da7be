using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize;
using Fleet.Actors.Toolkit;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// Flux's controller flags, on a reconciler built with them, against an API server that authorizes with RBAC: the
/// multi-tenancy lockdown keeps a tenant inside its namespace even when its Kustomization names no service account,
/// and remote bases are fetched by kustomize unless they are disabled.
/// </summary>
public sealed class KustomizationFlagsTests(RbacKustomizationTestBed bed) : IClassFixture<RbacKustomizationTestBed>, IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("fleet-ks-flags-");
    private readonly HttpClient _http = new();
    private ClusterClients? _clusters;

    public Task InitializeAsync()
    {
        _clusters = new ClusterClients(KubernetesClientConfiguration.BuildConfigFromConfigFile(bed.Kubeconfig), bed.Client);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _clusters?.Dispose();
        _http.Dispose();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private KustomizationReconciler Reconciler(ControllerFlags flags)
    {
        var services = new SourceServices(bed.Client, new ArtifactStore(_data.FullName, new Uri("http://127.0.0.1:9/")), _data.FullName, _http, _clusters!) { Flags = flags };
        return new KustomizationReconciler(services, KustomizeTool.Locate(), new UnpackedArtifacts(_http, Path.Combine(_data.FullName, "build", Guid.NewGuid().ToString("N"))));
    }

    private static Task<ReconcileResult> ReconcileAsync(KustomizationReconciler reconciler, string ns, JsonObject spec)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = FluxKinds.Kustomization.ApiVersion,
            ["kind"] = FluxKinds.Kustomization.Kind,
            ["metadata"] = new JsonObject { ["name"] = "tenant", ["namespace"] = ns, ["generation"] = 1 },
            ["spec"] = spec.DeepClone(),
        };
        return reconciler.ReconcileAsync(new ReconcileRequest(new ObjectKey(FluxKinds.Kustomization.Kind, ns, "tenant"), obj, 1, null, EntityState.Empty), CancellationToken.None);
    }

    private static JsonObject Spec(string path, string? sourceNamespace = null) => new()
    {
        ["interval"] = "1h",
        ["path"] = path,
        ["prune"] = true,
        ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "source", ["namespace"] = sourceNamespace },
    };

    /// <summary>A GitRepository named `source` in <paramref name="ns"/> with an artifact of <paramref name="repo"/>.</summary>
    private async Task SourceAsync(string ns, GitWorkRepository repo)
    {
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        await bed.EventuallyAsync(FluxKinds.GitRepository, ns, "source", o => o["status"]?["artifact"] is JsonObject, TimeSpan.FromSeconds(30));
    }

    private async Task<bool> ConfigMapExistsAsync(string ns, string name) =>
        (await bed.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Any(c => c.Metadata.Name == name);

    /// <summary>A tenant namespace whose service account `reconciler` may do anything there and nothing elsewhere.</summary>
    private async Task<string> TenantAsync()
    {
        var ns = await bed.CreateNamespaceAsync("tenant");
        await bed.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "reconciler" } }, ns);
        await bed.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            new V1Role { Metadata = new V1ObjectMeta { Name = "all" }, Rules = [new V1PolicyRule { ApiGroups = ["*"], Resources = ["*"], Verbs = ["*"] }] }, ns);
        await bed.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "reconciler" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "all" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "reconciler", NamespaceProperty = ns }],
            },
            ns);
        return ns;
    }

    [Fact]
    public async Task WithADefaultServiceAccountATenantThatNamesNoneCannotWriteOutsideItsNamespace()
    {
        var tenant = await TenantAsync();
        var other = await bed.CreateNamespaceAsync("other");
        var repo = bed.CreateRepository("tenant");
        repo.Write("deploy/mine.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n  namespace: {tenant}\n")
            .Write("deploy/theirs.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: theirs\n  namespace: {other}\n")
            .Commit("reaches out");
        await SourceAsync(tenant, repo);

        var refused = await ReconcileAsync(Reconciler(new ControllerFlags { DefaultServiceAccount = "reconciler" }), tenant, Spec("./deploy"));

        Assert.Equal((ReconcileOutcome.Failed, ConditionReasons.ReconciliationFailed), (refused.Outcome, refused.Reason));
        Assert.StartsWith($"ConfigMap/{other}/theirs dry-run failed (Forbidden): ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"system:serviceaccount:{tenant}:reconciler", refused.Message, StringComparison.Ordinal);
        Assert.False(await ConfigMapExistsAsync(tenant, "mine"));

        // Without the flag the controller acts as itself, which is what the lockdown prevents.
        var unlocked = await ReconcileAsync(Reconciler(new ControllerFlags()), tenant, Spec("./deploy"));
        Assert.Equal(ReconcileOutcome.Succeeded, unlocked.Outcome);
        Assert.True(await ConfigMapExistsAsync(other, "theirs"));
    }

    [Fact]
    public async Task WithCrossNamespaceReferencesBlockedASourceInAnotherNamespaceStallsTheTenant()
    {
        var tenant = await TenantAsync();
        var shared = await bed.CreateNamespaceAsync("shared");
        var repo = bed.CreateRepository("shared");
        repo.Write("deploy/mine.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n").Commit("shared");
        await SourceAsync(shared, repo);
        var spec = Spec("./deploy", shared);
        spec["targetNamespace"] = tenant;

        var stalled = await ReconcileAsync(Reconciler(new ControllerFlags { NoCrossNamespaceRefs = true, DefaultServiceAccount = "reconciler" }), tenant, spec);

        Assert.Equal((ReconcileOutcome.Stalled, Tenancy.AccessDenied), (stalled.Outcome, stalled.Reason));
        Assert.Equal($"can't access 'GitRepository/{shared}/source', cross-namespace references have been blocked", stalled.Message);
        Assert.False(await ConfigMapExistsAsync(tenant, "mine"));
        var allowed = await ReconcileAsync(Reconciler(new ControllerFlags { DefaultServiceAccount = "reconciler" }), tenant, spec);
        Assert.Equal(ReconcileOutcome.Succeeded, allowed.Outcome);
        Assert.True(await ConfigMapExistsAsync(tenant, "mine"));
    }

    [Fact]
    public async Task RemoteBasesAreBuiltByKustomizeUnlessTheyAreDisabled()
    {
        var ns = await bed.CreateNamespaceAsync("remote-base");
        var bases = bed.CreateRepository("bases");
        bases.Write("base/kustomization.yaml", "resources:\n  - cm.yaml\n").Write("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-remote-base\n").Commit("base");
        var overlay = bed.CreateRepository("overlay");
        var remote = $"{bed.GitUrlOf(bases)}//base?ref=main";
        overlay.Write("deploy/kustomization.yaml", $"resources:\n  - {remote}\n").Commit("overlay");
        await SourceAsync(ns, overlay);
        var spec = Spec("./deploy");
        spec["targetNamespace"] = ns;

        var refused = await ReconcileAsync(Reconciler(new ControllerFlags { NoRemoteBases = true }), ns, spec);
        Assert.Equal((ReconcileOutcome.Failed, ConditionReasons.BuildFailed), (refused.Outcome, refused.Reason));
        Assert.Contains($"resources entry '{remote}' is remote or absolute", refused.Message, StringComparison.Ordinal);
        Assert.Contains("remote bases are disabled", refused.Message, StringComparison.Ordinal);
        Assert.False(await ConfigMapExistsAsync(ns, "from-remote-base"));

        var built = await ReconcileAsync(Reconciler(new ControllerFlags()), ns, spec);
        Assert.True(built.Outcome == ReconcileOutcome.Succeeded, built.Message);
        Assert.True(await ConfigMapExistsAsync(ns, "from-remote-base"));
    }
}
