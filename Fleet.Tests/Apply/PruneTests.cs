using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Apply;

/// <summary>Prune by inventory difference against the sandbox API server: only what still carries Fleet's labels goes.</summary>
public sealed class PruneTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private const string Group = "kustomize.toolkit.fluxcd.io";

    private readonly string _ns = "prune-" + Guid.NewGuid().ToString("N")[..8];

    private IKubernetes Client => sandbox.Client;

    private ResourceManager Manager => new(Client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System);

    private IReadOnlyDictionary<string, string> Labels => ApplyOwner.Fleet.LabelsFor("ks", _ns);

    public Task InitializeAsync() =>
        Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeletesWhatLeftTheInventoryWhenStillOwnedAndNotExcluded()
    {
        var first = await Manager.ApplyAllStagedAsync(
            [
                Manifests.ConfigMap(_ns, "kept", "v"),
                Manifests.ConfigMap(_ns, "removed", "v"),
                Manifests.ConfigMap(_ns, "protected", "v", new JsonObject { [$"{Group}/prune"] = "Disabled" }),
                Manifests.ConfigMap(_ns, "disowned", "v"),
                Manifests.Service(_ns, "gone-svc", 80),
            ],
            new ApplyOptions { OwnerLabels = Labels },
            CancellationToken.None);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [$"{Group}/name"] = null } } }.ToJsonString(), V1Patch.PatchType.MergePatch), "disowned", _ns);
        await Client.CoreV1.DeleteNamespacedServiceAsync("gone-svc", _ns);
        var second = await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "kept", "v")], new ApplyOptions { OwnerLabels = Labels }, CancellationToken.None);

        var stale = Inventory.Stale(Inventory.From(first), Inventory.From(second));
        var pruned = await Manager.DeleteAllAsync(stale, new PruneOptions { OwnerLabels = Labels }, CancellationToken.None);

        Assert.Equal(
            [$"Service/{_ns}/gone-svc deleted", $"ConfigMap/{_ns}/removed deleted", $"ConfigMap/{_ns}/protected skipped", $"ConfigMap/{_ns}/disowned skipped"],
            pruned.Entries.Select(e => e.ToString()));
        Assert.Empty(pruned.Errors);
        var names = (await Client.CoreV1.ListNamespacedConfigMapAsync(_ns)).Items.Select(c => c.Metadata.Name).Order();
        Assert.Equal(["disowned", "kept", "protected"], names.Where(n => n != "kube-root-ca.crt"));
    }

    [Fact]
    public async Task AnObjectOfAKindThatNoLongerExistsCountsAsDeleted()
    {
        var pruned = await Manager.DeleteAllAsync(
            [new ObjectRef("gone.example.com", "v1", "Thing", _ns, "t")], new PruneOptions { OwnerLabels = Labels }, CancellationToken.None);

        Assert.Equal([$"Thing/{_ns}/t deleted"], pruned.Entries.Select(e => e.ToString()));
    }
}
