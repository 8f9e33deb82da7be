using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support.Git;
using Fleet.Tests.Support.Helm;

namespace Fleet.Tests.Sources.Helm;

/// <summary>
/// HelmCharts built from a GitRepository's tree (packaged with helm, `Revision` strategy metadata), an unknown version that
/// stalls with Flux's InvalidChartReference, and the seed example's OCI HelmRepositories created as written.
/// </summary>
public sealed class HelmChartSourcesTests(HelmNodeFixture fixture) : IClassFixture<HelmNodeFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HelmSourceObjects _objects = new(fixture.Sandbox.Client, "charts-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_chart_directory_in_a_GitRepository_is_packaged_and_the_Revision_strategy_appends_the_commit()
    {
        var served = Directory.CreateDirectory(Path.Combine(fixture.Temp, "git-" + _objects.Namespace)).FullName;
        var repo = GitWorkRepository.Init(served, "app", branch: "main");
        var chart = TestChart.Write(Path.Combine(fixture.Temp, "git-chart-" + _objects.Namespace), "app", "0.3.0");
        foreach (var file in Directory.EnumerateFiles(chart.Directory, "*", SearchOption.AllDirectories))
        {
            repo.Write(Path.Combine("charts", "app", Path.GetRelativePath(chart.Directory, file)), File.ReadAllText(file));
        }
        repo.Commit("chart");
        await using var server = await GitHttpServer.StartAsync(served);
        await _objects.CreateGitRepositoryAsync("app", server.UrlOf("app"));
        await _objects.CreateChartAsync("from-git", "charts/app", "GitRepository", "app");
        await _objects.CreateChartAsync("per-commit", "./charts/app", "GitRepository", "app", new JsonObject { ["reconcileStrategy"] = "Revision" });

        var packaged = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "from-git", ConditionStatus.True, Timeout);
        Assert.Equal("0.3.0", packaged["status"]!["artifact"]!["revision"]!.GetValue<string>());
        Assert.Equal("packaged 'app' chart with version '0.3.0'", ObjectConditions.Find(packaged, ConditionTypes.Ready)!.Message);
        Assert.Equal($"main@sha1:{repo.Head()}", packaged["status"]!["observedSourceArtifactRevision"]!.GetValue<string>());
        var perCommit = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "per-commit", ConditionStatus.True, Timeout);
        Assert.Equal($"0.3.0+{repo.Head()[..12]}", perCommit["status"]!["artifact"]!["revision"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_version_stalls_with_InvalidChartReference()
    {
        await _objects.CreateRepositoryAsync("charts", fixture.Charts.Url);
        await _objects.CreateChartAsync("missing", "demo", "HelmRepository", "charts", new JsonObject { ["version"] = ">=5.0.0" });

        var stalled = await _objects.EventuallyAsync(
            FluxKinds.HelmChart, "missing", o => ObjectConditions.Find(o, ConditionTypes.Stalled)?.Status == ConditionStatus.True, Timeout);
        var ready = ObjectConditions.Find(stalled, ConditionTypes.Ready)!;
        Assert.Equal(
            ("InvalidChartReference", "invalid chart reference: failed to get chart version for remote reference: no 'demo' chart with version matching '>=5.0.0' found"),
            (ready.Reason, ready.Message));
    }

    [Fact]
    public async Task The_seed_example_s_HelmRepositories_are_created_as_written_and_become_Ready()
    {
        var manifests = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(Support.RepositoryPaths.SeedExamples, "sources.yaml")))
            .OfType<JsonObject>()
            .Where(m => m["kind"]?.GetValue<string>() == "HelmRepository")
            .ToList();
        Assert.Equal(2, manifests.Count);
        foreach (var manifest in manifests)
        {
            await _objects.CreateManifestAsync(manifest);
        }
        foreach (var manifest in manifests)
        {
            var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, manifest["metadata"]!["name"]!.GetValue<string>(), ConditionStatus.True, Timeout);
            Assert.Null(ready["status"]!["artifact"]);
        }
    }
}
