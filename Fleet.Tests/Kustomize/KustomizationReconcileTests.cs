using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox;
using Fleet.Node.Sandbox.Controllers;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// Git → artifact → Kustomization → objects, end to end against the sandbox API server, real git and the real
/// kustomize: what a Flux user sees when they add, change and remove manifests, edit live objects, or push
/// something broken.
/// </summary>
public sealed class KustomizationReconcileTests(KustomizationTestBed bed) : IClassFixture<KustomizationTestBed>
{
    private static string ConfigMap(string name, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          value: "{value}"
        """;

    private static JsonObject Spec(string gitRepository, string path, string targetNamespace, string interval = "1h") => new()
    {
        ["interval"] = interval,
        ["path"] = path,
        ["prune"] = true,
        ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = gitRepository },
        ["targetNamespace"] = targetNamespace,
        ["retryInterval"] = "1h",
    };

    private async Task<V1ConfigMap?> ConfigMapAsync(string ns, string name) =>
        (await bed.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.FirstOrDefault(c => c.Metadata.Name == name);

    /// <summary>A namespace, a repository whose `deploy/a.yaml` is <paramref name="manifest"/>, and a GitRepository and Kustomization syncing it.</summary>
    private async Task<(string Namespace, GitWorkRepository Repository)> SyncAsync(string prefix, string kustomization, string manifest)
    {
        var ns = await bed.CreateNamespaceAsync(prefix);
        var repo = bed.CreateRepository(kustomization);
        repo.Write("deploy/a.yaml", manifest).Commit("a");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        await bed.CreateKustomizationAsync(ns, kustomization, Spec("source", "./deploy", ns));
        return (ns, repo);
    }

    [Fact]
    public async Task ManifestsAddedChangedAndRemovedInGitAreCreatedConfiguredAndPruned()
    {
        var ns = await bed.CreateNamespaceAsync("ks-sync");
        var repo = bed.CreateRepository("sync");
        repo.Write("deploy/a.yaml", ConfigMap("a", "1")).Write("deploy/nested/b.yaml", ConfigMap("b", "1")).Commit("a and b");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        await bed.CreateKustomizationAsync(ns, "sync", Spec("source", "./deploy", ns));

        var ready = await bed.ReadyAtAsync(ns, "sync", $"main@sha1:{repo.Head()}");
        Assert.Equal($"Applied revision: main@sha1:{repo.Head()}", KustomizationTestBed.MessageOf(ready));
        var entries = ready["status"]!["inventory"]!["entries"]!.AsArray().Select(e => (e!["id"]!.GetValue<string>(), e["v"]!.GetValue<string>()));
        Assert.Equal([($"{ns}_a__ConfigMap", "v1"), ($"{ns}_b__ConfigMap", "v1")], entries.Order());
        var a = await ConfigMapAsync(ns, "a");
        Assert.Equal("1", a!.Data["value"]);
        Assert.Equal("sync", a.Metadata.Labels["kustomize.toolkit.fluxcd.io/name"]);
        Assert.Equal(ns, a.Metadata.Labels["kustomize.toolkit.fluxcd.io/namespace"]);

        repo.Write("deploy/a.yaml", ConfigMap("a", "2")).Delete("deploy/nested/b.yaml").Write("deploy/c.yaml", ConfigMap("c", "1"));
        var revision = await bed.PushAsync(repo, ns, "source", "change a, remove b, add c");

        // The Kustomization hears of the new artifact from its source; its own interval is an hour away.
        await bed.ReadyAtAsync(ns, "sync", revision, TimeSpan.FromSeconds(20));
        Assert.Equal("2", (await ConfigMapAsync(ns, "a"))!.Data["value"]);
        Assert.Null(await ConfigMapAsync(ns, "b"));
        Assert.NotNull(await ConfigMapAsync(ns, "c"));
        await Eventually.True(
            () => bed.Client.CoreV1.ListNamespacedEvent(ns).Items.Any(e =>
                e.InvolvedObject.Name == "sync" && e.Message.Contains($"ConfigMap/{ns}/c created", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            () => "a change-set event naming the created ConfigMap");
    }

    [Fact]
    public async Task AnUnchangedReconcileWritesNothingAndALiveEditIsRevertedAtTheNextInterval()
    {
        var (ns, _) = await SyncAsync("ks-drift", "drift", ConfigMap("a", "from-git"));
        await bed.ReadyAsync(ns, "drift");
        var before = (await ConfigMapAsync(ns, "a"))!.Metadata.ResourceVersion;

        await bed.RequestReconcileAsync(FluxKinds.Kustomization, ns, "drift", "again");
        await bed.EventuallyAsync(FluxKinds.Kustomization, ns, "drift", o => o["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "again", TimeSpan.FromSeconds(20));
        Assert.Equal(before, (await ConfigMapAsync(ns, "a"))!.Metadata.ResourceVersion);

        // `kubectl edit`: another field manager changes the live object.
        await bed.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"value":"edited"}}""", V1Patch.PatchType.MergePatch), "a", ns, fieldManager: "kubectl-edit");
        Assert.Equal("edited", (await ConfigMapAsync(ns, "a"))!.Data["value"]);
        await bed.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"interval":"2s"}}""", V1Patch.PatchType.MergePatch), FluxGroups.Kustomize, "v1", ns, "kustomizations", "drift");
        await Eventually.True(() => bed.Client.CoreV1.ReadNamespacedConfigMap("a", ns).Data["value"] == "from-git", TimeSpan.FromSeconds(20), () => "the edit to be reverted");
    }

    [Fact]
    public async Task ABrokenManifestFailsTheRevisionAndLeavesWhatWasAppliedInPlace()
    {
        var (ns, repo) = await SyncAsync("ks-broken", "broken", ConfigMap("a", "1"));
        var good = $"main@sha1:{repo.Head()}";
        await bed.ReadyAtAsync(ns, "broken", good);

        repo.Write("deploy/a.yaml", ConfigMap("a", "2")).Write("deploy/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        var bad = await bed.PushAsync(repo, ns, "source", "break it");

        var failed = await bed.NotReadyAsync(ns, "broken", ConditionReasons.BuildFailed);
        Assert.Contains("bad.yaml", KustomizationTestBed.MessageOf(failed), StringComparison.Ordinal);
        Assert.Equal(good, failed["status"]!["lastAppliedRevision"]!.GetValue<string>());
        Assert.Equal(bad, failed["status"]!["lastAttemptedRevision"]!.GetValue<string>());
        Assert.Equal("1", (await ConfigMapAsync(ns, "a"))!.Data["value"]);
    }

    [Fact]
    public async Task AnObjectTheApiServerRejectsFailsTheRevisionBeforeAnythingOfItIsApplied()
    {
        var (ns, repo) = await SyncAsync("ks-rejected", "rejected", ConfigMap("a", "1"));
        await bed.ReadyAsync(ns, "rejected");

        repo.Write("deploy/a.yaml", ConfigMap("a", "2"))
            .Write("deploy/widget.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {}\n");
        await bed.PushAsync(repo, ns, "source", "an unknown kind");

        var failed = await bed.NotReadyAsync(ns, "rejected", ConditionReasons.ReconciliationFailed);
        Assert.Contains("Widget", KustomizationTestBed.MessageOf(failed), StringComparison.Ordinal);
        Assert.Equal("1", (await ConfigMapAsync(ns, "a"))!.Data["value"]);
    }

    [Fact]
    public async Task ADependentWaitsForItsDependencyAndAppliesAsSoonAsItIsReady()
    {
        var ns = await bed.CreateNamespaceAsync("ks-deps");
        var repo = bed.CreateRepository("deps");
        repo.Write("infrastructure/a.yaml", ConfigMap("infra", "1")).Write("apps/b.yaml", ConfigMap("app", "1")).Commit("infra and apps");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        var apps = Spec("source", "./apps", ns);
        apps["dependsOn"] = new JsonArray(new JsonObject { ["name"] = "infrastructure" });
        await bed.CreateKustomizationAsync(ns, "apps", apps);

        var waiting = await bed.NotReadyAsync(ns, "apps", ConditionReasons.DependencyNotReady);
        Assert.Equal($"dependency '{ns}/infrastructure' not found", KustomizationTestBed.MessageOf(waiting));
        Assert.Null(await ConfigMapAsync(ns, "app"));

        // retryInterval is an hour: only the dependency's readiness, pushed to its dependents, can unblock apps in time.
        await bed.CreateKustomizationAsync(ns, "infrastructure", Spec("source", "./infrastructure", ns));
        await bed.ReadyAsync(ns, "infrastructure");
        await bed.ReadyAsync(ns, "apps", TimeSpan.FromSeconds(15));
        Assert.NotNull(await ConfigMapAsync(ns, "app"));
    }

    [Fact]
    public async Task HealthChecksWaitForTheDeploymentAndNameItWhenItFails()
    {
        var ns = await bed.CreateNamespaceAsync("ks-health");
        var repo = bed.CreateRepository("health");
        repo.Write("deploy/app.yaml", Deployment("app", fails: false)).Commit("app");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        var spec = Spec("source", "./deploy", ns);
        spec["healthChecks"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "app", ["namespace"] = ns });
        spec["timeout"] = "20s";
        await bed.CreateKustomizationAsync(ns, "health", spec);
        await bed.ReadyAsync(ns, "health");

        repo.Write("deploy/app.yaml", Deployment("app", fails: true));
        await bed.PushAsync(repo, ns, "source", "a rollout that fails");
        var failed = await bed.NotReadyAsync(ns, "health", ConditionReasons.HealthCheckFailed);
        Assert.Contains($"Deployment/{ns}/app", KustomizationTestBed.MessageOf(failed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheKustomizationPrunesWhatItApplied()
    {
        var (ns, _) = await SyncAsync("ks-delete", "delete", ConfigMap("a", "1"));
        await bed.ReadyAsync(ns, "delete");

        await bed.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxGroups.Kustomize, "v1", ns, "kustomizations", "delete");
        await Eventually.True(() => bed.Client.CoreV1.ListNamespacedConfigMap(ns).Items.All(c => c.Metadata.Name != "a"), TimeSpan.FromSeconds(20), () => "the ConfigMap to be pruned");
    }

    [Fact]
    public async Task ADeletedSourceLeavesTheAppliedObjectsInPlace()
    {
        var (ns, _) = await SyncAsync("ks-nosource", "orphaned", ConfigMap("a", "1"));
        await bed.ReadyAsync(ns, "orphaned");

        await bed.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxGroups.Source, "v1", ns, "gitrepositories", "source");
        await bed.GoneAsync(FluxKinds.GitRepository, ns, "source", TimeSpan.FromSeconds(20));
        await bed.RequestReconcileAsync(FluxKinds.Kustomization, ns, "orphaned", "after-source-deleted");
        var failed = await bed.NotReadyAsync(ns, "orphaned", ConditionReasons.ArtifactFailed);
        Assert.Equal($"Source 'GitRepository/{ns}/source' not found", KustomizationTestBed.MessageOf(failed));
        Assert.NotNull(await ConfigMapAsync(ns, "a"));
    }

    [Fact]
    public async Task AKubeconfigSecretTargetsAnotherApiServer()
    {
        await using var remote = await SandboxApiServer.StartAsync(new SandboxApiServerOptions());
        using var remoteClient = remote.CreateClient();
        var ns = await bed.CreateNamespaceAsync("ks-remote");
        await remoteClient.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"fleet-remote-{Guid.NewGuid():N}.kubeconfig");
        remote.WriteKubeconfig(kubeconfig);
        var bytes = await File.ReadAllBytesAsync(kubeconfig);
        File.Delete(kubeconfig);
        await bed.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "remote-kubeconfig" }, Data = new Dictionary<string, byte[]> { ["value"] = bytes } }, ns);
        var repo = bed.CreateRepository("remote");
        repo.Write("deploy/a.yaml", ConfigMap("a", "remote")).Commit("a");
        await bed.CreateGitRepositoryAsync(ns, "source", repo);
        var spec = Spec("source", "./deploy", ns);
        spec["kubeConfig"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "remote-kubeconfig" } };
        await bed.CreateKustomizationAsync(ns, "remote", spec);

        await bed.ReadyAsync(ns, "remote");
        Assert.Equal("remote", (await remoteClient.CoreV1.ReadNamespacedConfigMapAsync("a", ns)).Data["value"]);
        Assert.Null(await ConfigMapAsync(ns, "a"));
    }

    private static string Deployment(string name, bool fails) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          annotations:
            {WorkloadSimulation.FailAnnotation}: "{(fails ? "true" : "false")}"
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: app
                  image: ghcr.io/example/app:{(fails ? "2" : "1")}
        """;
}
