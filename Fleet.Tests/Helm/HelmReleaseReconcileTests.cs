using System.Text.Json.Nodes;
using Fleet.Actors.Helm;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Sources.Helm;
using k8s;

namespace Fleet.Tests.Helm;

/// <summary>
/// HelmRepository → HelmChart → HelmRelease through a node against the sandbox API server and the real helm: what a Flux
/// user sees in the HelmRelease's status and with `helm history` when they install, change values, push a broken
/// release, break a values reference, adopt a hand-installed release, and delete the HelmRelease.
/// </summary>
public sealed class HelmReleaseReconcileTests(HelmReleaseNodeFixture fixture) : IClassFixture<HelmReleaseNodeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<HelmSourceObjects> NamespaceAsync(string prefix)
    {
        var objects = new HelmSourceObjects(fixture.Sandbox.Client, prefix + "-" + Guid.NewGuid().ToString("N")[..6]);
        await objects.CreateNamespaceAsync();
        await objects.CreateRepositoryAsync("charts", fixture.Charts.Url);
        return objects;
    }

    private static JsonObject Release(string name, JsonObject spec) => new()
    {
        ["apiVersion"] = FluxKinds.HelmRelease.ApiVersion,
        ["kind"] = FluxKinds.HelmRelease.Kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    };

    private static JsonObject ChartSpec(string version = ">=1.0.0 <2.0.0") => new()
    {
        ["spec"] = new JsonObject { ["chart"] = "greeter", ["version"] = version, ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "charts" } },
    };

    private static Condition? ConditionOf(JsonObject release, string type) => ObjectConditions.Find(release, type);

    private static bool Is(JsonObject release, string type, string status, string reason) =>
        ConditionOf(release, type) is { } c && c.Status == status && c.Reason == reason;

    private async Task<string> GreetingAsync(string ns, string release) =>
        ReleaseCharts.ShownValues(await fixture.Sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync($"{release}-config", ns))["greeting"]!.GetValue<string>();

    [Fact]
    public async Task InstallUpgradeAndAFailedUpgradeRolledBackAreWhatHelmHistoryShowsThenDeletionUninstalls()
    {
        var objects = await NamespaceAsync("hr-life");
        var ns = objects.Namespace;
        await objects.CreateManifestAsync(Release("web", new JsonObject
        {
            ["interval"] = "1h",
            ["chart"] = ChartSpec("1.0.0"),
            ["values"] = new JsonObject { ["greeting"] = "hi" },
            ["test"] = new JsonObject { ["enable"] = true },
            ["upgrade"] = new JsonObject { ["remediation"] = new JsonObject { ["retries"] = 0, ["remediateLastFailure"] = true } },
        }));

        var installed = await objects.EventuallyAsync(FluxKinds.HelmRelease, "web", r => Is(r, ConditionTypes.Ready, ConditionStatus.True, HelmReleaseConditions.TestSucceededReason), Patience);
        Assert.Equal($"Helm test succeeded for release {ns}/web.v1 with chart greeter@1.0.0: 1 test hook completed successfully", ConditionOf(installed, ConditionTypes.Ready)!.Message);
        Assert.Equal(HelmReleaseConditions.InstallSucceededReason, ConditionOf(installed, HelmReleaseConditions.Released)!.Reason);
        var status = FleetJson.Deserialize<HelmReleaseStatus>(installed["status"]!.AsObject())!;
        Assert.Equal(($"{ns}/{ns}-web", ns, "1.0.0", "install"), (status.HelmChart, status.StorageNamespace, status.LastAttemptedRevision, status.LastAttemptedReleaseAction));
        Assert.Equal(ReleaseValues.Digest(new JsonObject { ["greeting"] = "hi" }), status.LastAttemptedConfigDigest);
        Assert.Equal([1], status.History!.Select(h => h.Version));
        Assert.Equal("hi", await GreetingAsync(ns, "web"));
        var chart = objects.Read(FluxKinds.HelmChart, $"{ns}-web");
        Assert.Equal(("web", ns), (chart["metadata"]!["labels"]![HelmChartTemplating.NameLabel]!.GetValue<string>(), chart["metadata"]!["labels"]![HelmChartTemplating.NamespaceLabel]!.GetValue<string>()));
        Assert.Contains("web", await fixture.HelmAsync("list", "-n", ns, "-q"), StringComparison.Ordinal);

        await objects.PatchSpecAsync(FluxKinds.HelmRelease, "web", new JsonObject { ["values"] = new JsonObject { ["greeting"] = "hello again" } });
        await objects.EventuallyAsync(FluxKinds.HelmRelease, "web", r => r["status"]?["history"]?[0]?["version"]?.GetValue<int>() == 2 && Is(r, ConditionTypes.Ready, ConditionStatus.True, HelmReleaseConditions.TestSucceededReason), Patience);
        Assert.Equal("hello again", await GreetingAsync(ns, "web"));

        await objects.PatchSpecAsync(FluxKinds.HelmRelease, "web", new JsonObject { ["values"] = new JsonObject { ["greeting"] = "broken", ["broken"] = true } });
        var stalled = await objects.EventuallyAsync(FluxKinds.HelmRelease, "web", r => Is(r, ConditionTypes.Stalled, ConditionStatus.True, HelmReleaseConditions.RetriesExceededReason), Patience);
        Assert.Equal("Failed to upgrade after 1 attempt(s)", ConditionOf(stalled, ConditionTypes.Stalled)!.Message);
        var released = ConditionOf(stalled, HelmReleaseConditions.Released)!;
        Assert.Equal((ConditionStatus.False, HelmReleaseConditions.UpgradeFailedReason), (released.Status, released.Reason));
        Assert.Contains("Not_A_Valid_Name", released.Message, StringComparison.Ordinal);
        Assert.True(Is(stalled, HelmReleaseConditions.Remediated, ConditionStatus.True, HelmReleaseConditions.RollbackSucceededReason));
        Assert.Equal("hello again", await GreetingAsync(ns, "web"));
        var failed = FleetJson.Deserialize<HelmReleaseStatus>(stalled["status"]!.AsObject())!;
        Assert.Equal((1L, 1L), (failed.UpgradeFailures, failed.Failures));

        var history = JsonNode.Parse(await fixture.HelmAsync("history", "web", "-n", ns, "-o", "json"))!.AsArray();
        var shown = history.Select(h => (h!["revision"]!.GetValue<int>(), h["status"]!.GetValue<string>())).ToList();
        Assert.Equal([(1, "superseded"), (2, "superseded"), (3, "failed"), (4, "deployed")], shown);
        Assert.Equal([4, 3, 2], failed.History!.Select(h => h.Version));
        Assert.Equal(["deployed", "failed", "superseded"], failed.History!.Select(h => h.Status));

        await fixture.Sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxKinds.HelmRelease.Group, FluxKinds.HelmRelease.Version, ns, FluxKinds.HelmRelease.Plural, "web");
        await Support.Eventually.True(
            async () => (await fixture.Sandbox.Client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "owner=helm,name=web")).Items.Count == 0,
            Patience,
            () => "the release's storage Secrets to be removed by helm uninstall");
        await Support.Eventually.True(
            async () => (await fixture.Sandbox.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.All(c => c.Metadata.Name != "web-config"),
            Patience,
            () => "the release's ConfigMap to be deleted");
        await Support.Eventually.True(
            async () => (await fixture.Sandbox.Client.CustomObjects.ListNamespacedCustomObjectAsync(FluxKinds.HelmChart.Group, FluxKinds.HelmChart.Version, ns, FluxKinds.HelmChart.Plural)).ToString()!.Contains($"{ns}-web", StringComparison.Ordinal) is false,
            Patience,
            () => "the HelmChart made for the release to be deleted");
    }

    [Fact]
    public async Task AMissingValuesSecretStopsTheReleaseUntilItExistsAndAHandInstalledReleaseIsAdopted()
    {
        var objects = await NamespaceAsync("hr-values");
        var ns = objects.Namespace;
        await fixture.HelmAsync("install", "adopted", Path.Combine(fixture.Charts.Root, "greeter-1.0.0.tgz"), "-n", ns, "--set", "greeting=by-hand");
        await objects.CreateManifestAsync(Release("adopted", new JsonObject
        {
            ["interval"] = "1h",
            ["chart"] = ChartSpec(),
            ["valuesFrom"] = new JsonArray(
                new JsonObject { ["kind"] = "Secret", ["name"] = "greeting", ["valuesKey"] = "greeting", ["targetPath"] = "greeting" },
                new JsonObject { ["kind"] = "ConfigMap", ["name"] = "optional-extras", ["optional"] = true }),
        }));

        var blocked = await objects.EventuallyAsync(FluxKinds.HelmRelease, "adopted", r => Is(r, ConditionTypes.Ready, ConditionStatus.False, ReleaseValues.ValuesError), Patience);
        Assert.Equal($"could not resolve Secret chart values reference '{ns}/greeting' with key 'greeting': secrets \"greeting\" not found", ConditionOf(blocked, ConditionTypes.Ready)!.Message);
        Assert.Equal("by-hand", await GreetingAsync(ns, "adopted"));

        await objects.CreateSecretAsync("greeting", ("greeting", "from-a-secret"));
        await objects.RequestReconcileAsync(FluxKinds.HelmRelease, "adopted", "secret-created");
        var adopted = await objects.EventuallyAsync(FluxKinds.HelmRelease, "adopted", r => Is(r, ConditionTypes.Ready, ConditionStatus.True, HelmReleaseConditions.UpgradeSucceededReason), Patience);
        Assert.Equal($"Helm upgrade succeeded for release {ns}/adopted.v2 with chart greeter@1.1.0", ConditionOf(adopted, ConditionTypes.Ready)!.Message);
        Assert.Equal("from-a-secret", await GreetingAsync(ns, "adopted"));
        Assert.DoesNotContain("from-a-secret", adopted.ToJsonString(), StringComparison.Ordinal);

        // An idle reconcile of the unchanged release makes no new revision.
        await objects.RequestReconcileAsync(FluxKinds.HelmRelease, "adopted", "idle");
        await objects.EventuallyAsync(FluxKinds.HelmRelease, "adopted", r => r["status"]?["lastHandledReconcileAt"]?.GetValue<string>() == "idle", Patience);
        Assert.Equal(2, JsonNode.Parse(await fixture.HelmAsync("history", "adopted", "-n", ns, "-o", "json"))!.AsArray().Count);
    }

    [Fact]
    public async Task TheSeedHelmReleaseWorksAsWrittenAgainstALocallyServedChart()
    {
        var production = new HelmSourceObjects(fixture.Sandbox.Client, "production");
        var fluxSystem = new HelmSourceObjects(fixture.Sandbox.Client, "flux-system");
        await production.CreateNamespaceAsync();
        await fluxSystem.CreateNamespaceAsync();
        // The seed's my-charts repository is an OCI registry in the cloud; here the same name serves the chart from loopback.
        await fixture.Sandbox.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.HelmRepository.ApiVersion,
                ["kind"] = FluxKinds.HelmRepository.Kind,
                ["metadata"] = new JsonObject { ["name"] = "my-charts" },
                ["spec"] = new JsonObject { ["url"] = fixture.Charts.Url, ["interval"] = "5m" },
            },
            FluxKinds.HelmRepository.Group, FluxKinds.HelmRepository.Version, "flux-system", FluxKinds.HelmRepository.Plural);
        await production.CreateSecretAsync("payment-service-db-creds", ("values.yaml", "db:\n  user: payments\n"));
        var seed = YamlJson.ParseSingle(File.ReadAllText(Path.Combine(Support.RepositoryPaths.SeedExamples, "helmrelease.yaml")))!.AsObject();
        await production.CreateManifestAsync(seed);

        var ready = await production.EventuallyAsync(FluxKinds.HelmRelease, "payment-service", r => Is(r, ConditionTypes.Ready, ConditionStatus.True, HelmReleaseConditions.TestSucceededReason), TimeSpan.FromSeconds(90));
        Assert.Equal("2.1.0", ready["status"]!["lastAttemptedRevision"]!.GetValue<string>());
        var deployment = await fixture.Sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("upstream-chart-deployment", "production");
        Assert.Equal(4, deployment.Spec.Replicas);
        var container = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("123456789.dkr.ecr.us-east-1.amazonaws.com/payment-service:2.3.1", container.Image);
        Assert.Equal([("DB_USER", "payments"), ("EXTRA_FLAG", "true")], container.Env.Select(e => (e.Name, e.Value)));
        Assert.Contains("payment-service", await fixture.HelmAsync("list", "-A", "-q"), StringComparison.Ordinal);

        var kubectl = await new Sandbox.Conformance.CliRun(fixture.Sandbox.Kubeconfig, fixture.Temp).RunAsync(
            Sandbox.Conformance.ToolLocator.Kubectl133, ["get", "hr", "-A", "-o", "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}"]);
        Assert.Contains("production/payment-service=True", kubectl.Succeeded().Stdout, StringComparison.Ordinal);
    }
}
