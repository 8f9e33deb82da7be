using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Helm;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Sandbox.Conformance;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Helm;

/// <summary>
/// The helm actions of a release against the sandbox API server with the real helm binary: what Fleet reports after each
/// is what `helm history` shows, and a failing upgrade is rolled back as the remediation settings say.
/// </summary>
public sealed class ReleaseRunTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private readonly HelmProcess _helm = new(ToolLocator.Helm, Path.Combine(fixture.Directory, "helm-home"), 2);

    private CliRun Cli => new(fixture.Kubeconfig, fixture.Directory);

    private async Task<string> NamespaceAsync(string prefix)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private ReleaseRun Run(ReleaseContext context, string chartDirectory, JsonObject values, ReleaseRun? before = null)
    {
        var file = Path.Combine(fixture.Directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, values.ToJsonString(), Encoding.UTF8);
        return new ReleaseRun(_helm, context, ReleaseChart.Load(chartDirectory), file, before?.Status ?? new HelmReleaseStatus(), before?.History ?? [], before?.Conditions ?? [], TimeProvider.System);
    }

    private async Task<string> GreetingAsync(string ns) =>
        ReleaseCharts.ShownValues(await fixture.Client.CoreV1.ReadNamespacedConfigMapAsync("greeter-config", ns))["greeting"]!.GetValue<string>();

    private static Condition Condition(ReleaseRun run, string type) => run.Conditions.Single(c => c.Type == type);

    [Fact]
    public async Task InstallUpgradeAndAFailedUpgradeRolledBackShowInHelmHistoryWithFleetsRevisions()
    {
        var ns = await NamespaceAsync("hr-run");
        var chart = ReleaseCharts.Write(fixture.Directory, "greeter", "1.0.0").Directory;
        var spec = new HelmReleaseSpec { Upgrade = new HelmReleaseUpgrade { Remediation = new HelmReleaseUpgradeRemediation { Retries = 1 } } };
        var context = new ReleaseContext(new ReleaseTarget("greeter", ns, ns), spec, fixture.Client, fixture.Kubeconfig, null);

        var install = Run(context, chart, new JsonObject { ["greeting"] = "hi" });
        Assert.True(await install.ReleaseAsync(RemediationPolicy.InstallAction, forced: false, CancellationToken.None));
        Assert.Equal($"Helm install succeeded for release {ns}/greeter.v1 with chart greeter@1.0.0", Condition(install, HelmReleaseConditions.Released).Message);
        Assert.Equal("hi", (await GreetingAsync(ns)));
        Assert.Equal("1.0.0", install.Events.Single().Annotations[ReleaseRun.AppVersionAnnotation]);

        var upgrade = Run(context, chart, new JsonObject { ["greeting"] = "hello again" }, install);
        Assert.True(await upgrade.ReleaseAsync(RemediationPolicy.UpgradeAction, forced: false, CancellationToken.None));
        Assert.Equal(HelmReleaseConditions.UpgradeSucceededReason, Condition(upgrade, HelmReleaseConditions.Released).Reason);
        Assert.Equal("hello again", (await GreetingAsync(ns)));

        var failing = Run(context, chart, new JsonObject { ["greeting"] = "broken", ["broken"] = true }, upgrade);
        Assert.False(await failing.ReleaseAsync(RemediationPolicy.UpgradeAction, forced: false, CancellationToken.None));
        var released = Condition(failing, HelmReleaseConditions.Released);
        Assert.Equal(HelmReleaseConditions.UpgradeFailedReason, released.Reason);
        Assert.Contains("Not_A_Valid_Name", released.Message, StringComparison.Ordinal);
        Assert.Equal(1, failing.Status.UpgradeFailures);
        var policy = RemediationPolicy.For(RemediationPolicy.UpgradeAction, spec);
        Assert.True(policy.Remediates(1));
        Assert.True(await failing.RemediateAsync(policy, CancellationToken.None));
        var remediated = Condition(failing, HelmReleaseConditions.Remediated);
        Assert.Equal((HelmReleaseConditions.RollbackSucceededReason, $"Helm rollback to previous release {ns}/greeter.v2 with chart greeter@1.0.0 succeeded"), (remediated.Reason, remediated.Message));
        Assert.Equal("hello again", (await GreetingAsync(ns)));

        var helmHistory = JsonNode.Parse((await Cli.RunAsync(ToolLocator.Helm, ["history", "greeter", "-n", ns, "-o", "json"])).Succeeded().Stdout)!.AsArray();
        var shown = helmHistory.Select(h => (h!["revision"]!.GetValue<int>(), h["status"]!.GetValue<string>())).ToList();
        Assert.Equal([(1, "superseded"), (2, "superseded"), (3, "failed"), (4, "deployed")], shown);
        Assert.Equal("Rollback to 2", helmHistory[3]!["description"]!.GetValue<string>());
        Assert.Equal(shown.OrderByDescending(s => s.Item1), failing.History.Select(r => (r.Version, r.Status)));
        var snapshots = ReleaseSnapshots.Of(failing.History);
        Assert.Equal([(4, "rollback"), (3, "upgrade"), (2, "upgrade")], snapshots.Select(s => (s.Version, s.Action)));
        Assert.Equal(ReleaseValues.Digest(new JsonObject { ["greeting"] = "hello again" }), snapshots[0].ConfigDigest);
    }

    [Fact]
    public async Task TestHooksRunAndAFailingOneIsReportedWithItsRelease()
    {
        var ns = await NamespaceAsync("hr-test");
        var chart = ReleaseCharts.Write(fixture.Directory, "tested", "0.2.0").Directory;
        var context = new ReleaseContext(new ReleaseTarget("tested", ns, ns), new HelmReleaseSpec { Test = new HelmReleaseTest { Enable = true } }, fixture.Client, fixture.Kubeconfig, null);

        var passing = Run(context, chart, []);
        Assert.True(await passing.ReleaseAsync(RemediationPolicy.InstallAction, forced: false, CancellationToken.None));
        Assert.True(await passing.TestAsync(CancellationToken.None));
        Assert.Equal($"Helm test succeeded for release {ns}/tested.v1 with chart tested@0.2.0: 1 test hook completed successfully", Condition(passing, HelmReleaseConditions.TestSuccess).Message);
        Assert.Equal("Succeeded", passing.History[0].TestHooks.Single().Phase);

        var failing = Run(context, chart, new JsonObject { ["failTest"] = true }, passing);
        Assert.True(await failing.ReleaseAsync(RemediationPolicy.UpgradeAction, forced: false, CancellationToken.None));
        Assert.False(await failing.TestAsync(CancellationToken.None));
        var test = Condition(failing, HelmReleaseConditions.TestSuccess);
        Assert.Equal(HelmReleaseConditions.TestFailedReason, test.Reason);
        Assert.StartsWith($"Helm test failed for release {ns}/tested.v2 with chart tested@0.2.0: ", test.Message, StringComparison.Ordinal);
        Assert.Contains("tested-smoke", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValuesFailingTheChartSchemaFailTheInstallNamingTheField()
    {
        var ns = await NamespaceAsync("hr-schema");
        var schema = """{"$schema":"https://json-schema.org/draft-07/schema#","type":"object","properties":{"greeting":{"type":"string","maxLength":5}}}""";
        var chart = ReleaseCharts.Write(fixture.Directory, "strict", "1.0.0", schema).Directory;
        var context = new ReleaseContext(new ReleaseTarget("strict", ns, ns), new HelmReleaseSpec(), fixture.Client, fixture.Kubeconfig, null);

        var run = Run(context, chart, new JsonObject { ["greeting"] = "far too long" });
        Assert.False(await run.ReleaseAsync(RemediationPolicy.InstallAction, forced: false, CancellationToken.None));
        var released = Condition(run, HelmReleaseConditions.Released);
        Assert.Equal(HelmReleaseConditions.InstallFailedReason, released.Reason);
        Assert.StartsWith($"Helm install failed for release {ns}/strict with chart strict@1.0.0: ", released.Message, StringComparison.Ordinal);
        Assert.Contains("greeting", released.Message, StringComparison.Ordinal);
        Assert.Equal(1, run.Status.InstallFailures);
        Assert.Empty(run.History);
    }
}
