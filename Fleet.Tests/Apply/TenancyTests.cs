using Fleet.Actors.Apply;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Apply;

/// <summary>An apply engine whose client impersonates a service account can only do what RBAC allows, and says so.</summary>
public sealed class TenancyTests(RbacServerFixture sandbox) : IClassFixture<RbacServerFixture>, IAsyncLifetime
{
    private readonly string _ns = "tenant-" + Guid.NewGuid().ToString("N")[..8];

    private string User => $"system:serviceaccount:{_ns}:reader";

    public async Task InitializeAsync()
    {
        var admin = sandbox.Client;
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "cm-reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list", "watch"] }],
        }, _ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "cm-reader" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "reader", NamespaceProperty = _ns }],
        }, _ns);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AForbiddenWriteFailsTheSetAndNamesTheObjectAndTheReason()
    {
        using var client = sandbox.Server.CreateClient(new ImpersonationHandler(User));
        var manager = new ResourceManager(client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System);

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "x", "v")], new ApplyOptions(), CancellationToken.None));

        Assert.Equal(
            $"ConfigMap/{_ns}/x dry-run failed (Forbidden): configmaps \"x\" is forbidden: User \"{User}\" cannot patch resource \"configmaps\" in API group \"\" in the namespace \"{_ns}\"",
            error.Message);
    }

    [Fact]
    public async Task AForbiddenDeleteIsUnknownWithAnErrorInsteadOfAnException()
    {
        var labels = ApplyOwner.Fleet.LabelsFor("ks", _ns);
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owned", Labels = labels.ToDictionary() } }, _ns);
        using var client = sandbox.Server.CreateClient(new ImpersonationHandler(User));
        var manager = new ResourceManager(client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System);

        var pruned = await manager.DeleteAllAsync([new ObjectRef("", "v1", "ConfigMap", _ns, "owned")], new PruneOptions { OwnerLabels = labels }, CancellationToken.None);

        Assert.Equal([$"ConfigMap/{_ns}/owned unknown"], pruned.Entries.Select(e => e.ToString()));
        Assert.StartsWith($"ConfigMap/{_ns}/owned delete failed: ", Assert.Single(pruned.Errors), StringComparison.Ordinal);
        Assert.NotNull(await sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync("owned", _ns));
    }
}
