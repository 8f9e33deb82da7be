using System.Text.Json.Nodes;
using Fleet.Actors.Apply;
using Fleet.Tests.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Apply;

/// <summary>Staged server-side apply against the sandbox API server, as Flux's kustomize-controller does it.</summary>
public sealed class ResourceManagerTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    private const string Group = "kustomize.toolkit.fluxcd.io";

    private readonly string _ns = "apply-" + Guid.NewGuid().ToString("N")[..8];

    private IKubernetes Client => sandbox.Client;

    private ResourceManager Manager => new(Client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System);

    private ApplyOptions Options => new()
    {
        OwnerLabels = ApplyOwner.Fleet.LabelsFor("ks", _ns),
        WaitInterval = TimeSpan.FromMilliseconds(100),
        WaitTimeout = TimeSpan.FromSeconds(10),
    };

    public Task InitializeAsync() =>
        Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreatesThenLeavesAnIdenticalSetUnwrittenThenConfiguresAChange()
    {
        var set = new[] { Manifests.ConfigMap(_ns, "a", "1"), Manifests.Service(_ns, "web", 80) };

        var first = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);
        Assert.Equal([$"ConfigMap/{_ns}/a created", $"Service/{_ns}/web created"], first.Changed);
        var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", _ns);
        Assert.Equal("ks", cm.Metadata.Labels[$"{Group}/name"]);
        Assert.Equal(_ns, cm.Metadata.Labels[$"{Group}/namespace"]);
        var versions = await ResourceVersionsAsync();

        var second = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);
        Assert.False(second.HasChanges);
        Assert.All(second.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(versions, await ResourceVersionsAsync());

        var third = await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "a", "2"), set[1]], Options, CancellationToken.None);
        Assert.Equal([$"ConfigMap/{_ns}/a configured"], third.Changed);
        Assert.Equal("2", (await Client.CoreV1.ReadNamespacedConfigMapAsync("a", _ns)).Data["key"]);
    }

    [Fact]
    public async Task AColdApplyReadsNoObjectWhileAWarmOneReadsEachOnce()
    {
        var log = new RequestLog();
        using var client = sandbox.Server.CreateClient(log);
        var manager = new ResourceManager(client, ApplyOwner.Fleet, TestHealth.Of, TimeProvider.System);
        var names = Enumerable.Range(0, 5).Select(i => $"cold-{i}").ToList();
        var set = names.Select(n => Manifests.ConfigMap(_ns, n, "v")).ToArray();

        var cold = await manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.Equal(names.Select(n => $"ConfigMap/{_ns}/{n} created"), cold.Changed);
        Assert.Empty(log.To("GET", "configmaps", names));
        var coldPatches = log.To("PATCH", "configmaps", names);
        Assert.Equal(5, coldPatches.Count(p => p.Contains("dryRun=All", StringComparison.Ordinal)));
        Assert.Equal(10, coldPatches.Count);

        log.Clear();
        var warm = await manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.All(warm.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(5, log.To("GET", "configmaps", names).Count);
        Assert.All(log.To("PATCH", "configmaps", names), p => Assert.Contains("dryRun=All", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExclusionMarkerOnTheLiveObjectSkipsItWhateverItsDryRunSays()
    {
        await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "frozen", "1", immutable: true), Manifests.ConfigMap(_ns, "paused", "1")], Options, CancellationToken.None);
        foreach (var name in new[] { "frozen", "paused" })
        {
            await Client.CoreV1.PatchNamespacedConfigMapAsync(
                new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [$"{Group}/reconcile"] = "disabled" } } }.ToJsonString(), V1Patch.PatchType.MergePatch), name, _ns, fieldManager: "kubectl-annotate");
        }

        // The immutable change would fail its dry-run (and be recreated under force); the other would configure.
        var set = new[] { Manifests.ConfigMap(_ns, "frozen", "2", immutable: true), Manifests.ConfigMap(_ns, "paused", "2"), Manifests.ConfigMap(_ns, "new", "2") };
        var result = await Manager.ApplyAllStagedAsync(set, Options with { Force = true }, CancellationToken.None);

        Assert.Equal(
            [$"ConfigMap/{_ns}/frozen skipped", $"ConfigMap/{_ns}/new created", $"ConfigMap/{_ns}/paused skipped"],
            result.Entries.Select(e => e.ToString()));
        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("frozen", _ns)).Data["key"]);
        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("paused", _ns)).Data["key"]);
    }

    [Fact]
    public async Task RevertsAKubectlEditAndTakesOverItsFields()
    {
        var set = new[] { Manifests.ConfigMap(_ns, "edited", "desired") };
        await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"key":"by-hand","extra":"x"}}""", V1Patch.PatchType.MergePatch), "edited", _ns, fieldManager: "kubectl-edit");

        var result = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.Equal([$"ConfigMap/{_ns}/edited configured"], result.Changed);
        var live = await Client.CoreV1.ReadNamespacedConfigMapAsync("edited", _ns);
        Assert.Equal("desired", live.Data["key"]);
        Assert.DoesNotContain(live.Metadata.ManagedFields, m => m.Manager == "kubectl-edit");
        Assert.Contains(live.Metadata.ManagedFields, m => m is { Manager: "fleet", Operation: "Apply" });
        var again = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);
        Assert.False(again.HasChanges);
    }

    [Fact]
    public async Task AppliesACrdAndACustomResourceOfItInOneSet()
    {
        var group = $"g{Guid.NewGuid():N}"[..12] + ".example.com";
        var set = new[] { Manifests.Custom(group, "Widget", _ns, "w1", 3), Manifests.Crd(group, "Widget", "widgets") };

        var result = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.Equal([$"CustomResourceDefinition/widgets.{group} created", $"Widget/{_ns}/w1 created"], result.Changed);
        var widget = await Manager.GetAsync(new ObjectRef(group, "v1", "Widget", _ns, "w1"), CancellationToken.None);
        Assert.Equal(3, widget?["spec"]?["size"]?.GetValue<int>());
    }

    [Fact]
    public async Task AppliesANamespaceAndTheObjectsInIt()
    {
        var other = _ns + "-new";
        var set = new[] { Manifests.ConfigMap(other, "inside", "v"), Manifests.Namespace(other) };

        var result = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.Equal([$"Namespace/{other} created", $"ConfigMap/{other}/inside created"], result.Changed);
        Assert.Equal("v", (await Client.CoreV1.ReadNamespacedConfigMapAsync("inside", other)).Data["key"]);
    }

    [Fact]
    public async Task ADefinitionThatNeverBecomesCurrentStopsTheLaterStages()
    {
        var other = _ns + "-slow";
        var manager = new ResourceManager(Client, ApplyOwner.Fleet, _ => Fleet.Actors.Apply.Health.HealthStatus.InProgress, TimeProvider.System);
        var set = new[] { Manifests.Namespace(other), Manifests.ConfigMap(_ns, "later", "v") };

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            manager.ApplyAllStagedAsync(set, Options with { WaitTimeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));

        Assert.Equal($"timeout waiting for: [Namespace/{other} status: 'InProgress']", error.Message);
        Assert.DoesNotContain((await Client.CoreV1.ListNamespacedConfigMapAsync(_ns)).Items, c => c.Metadata.Name == "later");
    }

    [Fact]
    public async Task ASetWithARejectedObjectWritesNothingAndNamesIt()
    {
        var invalid = Manifests.ConfigMap(_ns, "Not_A_Valid_Name", "v");
        var unknown = Manifests.Custom("nowhere.example.com", "Gadget", _ns, "g", 1);
        var set = new[] { Manifests.Namespace(_ns + "-never"), Manifests.ConfigMap(_ns, "fine", "v"), invalid, unknown };

        var error = await Assert.ThrowsAsync<ApplyException>(() => Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None));

        Assert.Equal(2, error.Failures.Count);
        Assert.Contains($"ConfigMap/{_ns}/Not_A_Valid_Name dry-run failed (Invalid): ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Gadget/{_ns}/g dry-run failed: no matches for kind \"Gadget\" in version \"nowhere.example.com/v1\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await Client.CoreV1.ListNamespacedConfigMapAsync(_ns)).Items, c => c.Metadata.Name == "fine");
        Assert.DoesNotContain((await Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == _ns + "-never");
    }

    [Fact]
    public async Task RejectsANamespacedObjectWithoutANamespaceAndAnObjectWithoutAName()
    {
        var set = new[] { Manifests.ConfigMap("", "nowhere", "v"), Manifests.ConfigMap(_ns, "", "v") };

        var error = await Assert.ThrowsAsync<ApplyException>(() => Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None));

        Assert.Equal($"ConfigMap/nowhere dry-run failed: namespace not specified\nConfigMap/{_ns}/ dry-run failed: name is required", error.Message);
    }

    [Fact]
    public async Task HonoursTheSsaAndReconcileMarkers()
    {
        await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "once", "first")], Options, CancellationToken.None);
        var set = new[]
        {
            Manifests.ConfigMap(_ns, "once", "second", new JsonObject { [$"{Group}/ssa"] = "ifnotpresent" }),
            Manifests.ConfigMap(_ns, "fresh", "v", new JsonObject { [$"{Group}/ssa"] = "IfNotPresent" }),
            Manifests.ConfigMap(_ns, "ignored", "v", new JsonObject { [$"{Group}/ssa"] = "Ignore" }),
            Manifests.ConfigMap(_ns, "disabled", "v", new JsonObject { [$"{Group}/reconcile"] = "disabled" }),
        };

        var result = await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        Assert.Equal(
            [$"ConfigMap/{_ns}/disabled skipped", $"ConfigMap/{_ns}/fresh created", $"ConfigMap/{_ns}/ignored skipped", $"ConfigMap/{_ns}/once skipped"],
            result.Entries.Select(e => e.ToString()));
        Assert.Equal("first", (await Client.CoreV1.ReadNamespacedConfigMapAsync("once", _ns)).Data["key"]);
        var names = (await Client.CoreV1.ListNamespacedConfigMapAsync(_ns)).Items.Select(c => c.Metadata.Name).ToList();
        Assert.DoesNotContain("ignored", names);
        Assert.DoesNotContain("disabled", names);
    }

    [Fact]
    public async Task MergeKeepsAnotherManagersFieldsWhileOverrideTakesThemOver()
    {
        foreach (var name in new[] { "merged", "overridden" })
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["key"] = "v", ["extra"] = "kept?" } },
                _ns,
                fieldManager: "kubectl-create");
        }

        var set = new[]
        {
            Manifests.ConfigMap(_ns, "merged", "v", new JsonObject { [$"{Group}/ssa"] = "Merge" }),
            Manifests.ConfigMap(_ns, "overridden", "v"),
        };
        await Manager.ApplyAllStagedAsync(set, Options, CancellationToken.None);

        var merged = await Client.CoreV1.ReadNamespacedConfigMapAsync("merged", _ns);
        Assert.Contains(merged.Metadata.ManagedFields, m => m.Manager == "kubectl-create");
        var overridden = await Client.CoreV1.ReadNamespacedConfigMapAsync("overridden", _ns);
        Assert.DoesNotContain(overridden.Metadata.ManagedFields, m => m.Manager == "kubectl-create");
        Assert.Contains(overridden.Metadata.ManagedFields, m => m is { Manager: "fleet", Operation: "Apply" });
    }

    [Fact]
    public async Task RecreatesOnAnImmutableFieldOnlyWhenForced()
    {
        await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "frozen", "1", immutable: true)], Options, CancellationToken.None);
        var uid = (await Client.CoreV1.ReadNamespacedConfigMapAsync("frozen", _ns)).Metadata.Uid;
        var changed = new[] { Manifests.ConfigMap(_ns, "frozen", "2", immutable: true) };

        var refused = await Assert.ThrowsAsync<ApplyException>(() => Manager.ApplyAllStagedAsync(changed, Options, CancellationToken.None));
        Assert.StartsWith($"ConfigMap/{_ns}/frozen dry-run failed (Invalid): ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", refused.Message, StringComparison.Ordinal);

        var forced = await Manager.ApplyAllStagedAsync(changed, Options with { Force = true }, CancellationToken.None);
        Assert.Equal([$"ConfigMap/{_ns}/frozen created"], forced.Changed);
        var live = await Client.CoreV1.ReadNamespacedConfigMapAsync("frozen", _ns);
        Assert.Equal("2", live.Data["key"]);
        Assert.NotEqual(uid, live.Metadata.Uid);
    }

    [Fact]
    public async Task ForceRecreatesADeploymentWhoseSelectorChanged()
    {
        await Manager.ApplyAllStagedAsync([Manifests.Deployment(_ns, "web", "v1")], Options, CancellationToken.None);
        var uid = (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", _ns)).Metadata.Uid;

        var result = await Manager.ApplyAllStagedAsync([Manifests.Deployment(_ns, "web", "v2")], Options with { Force = true }, CancellationToken.None);

        Assert.Equal([$"Deployment/{_ns}/web created"], result.Changed);
        var live = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", _ns);
        Assert.Equal("v2", live.Spec.Selector.MatchLabels["app"]);
        Assert.NotEqual(uid, live.Metadata.Uid);
    }

    [Fact]
    public async Task TheForceMarkerRecreatesWithoutTheOption()
    {
        var force = new JsonObject { [$"{Group}/force"] = "Enabled" };
        await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "marked", "1", (JsonObject)force.DeepClone(), immutable: true)], Options, CancellationToken.None);

        var result = await Manager.ApplyAllStagedAsync([Manifests.ConfigMap(_ns, "marked", "2", (JsonObject)force.DeepClone(), immutable: true)], Options, CancellationToken.None);

        Assert.Equal([$"ConfigMap/{_ns}/marked created"], result.Changed);
        Assert.Equal("2", (await Client.CoreV1.ReadNamespacedConfigMapAsync("marked", _ns)).Data["key"]);
    }

    private async Task<Dictionary<string, string>> ResourceVersionsAsync()
    {
        var cms = (await Client.CoreV1.ListNamespacedConfigMapAsync(_ns)).Items.Select(c => (c.Metadata.Name, c.Metadata.ResourceVersion));
        var svcs = (await Client.CoreV1.ListNamespacedServiceAsync(_ns)).Items.Select(s => ("svc/" + s.Metadata.Name, s.Metadata.ResourceVersion));
        return cms.Concat(svcs).ToDictionary(p => p.Item1, p => p.Item2);
    }
}
