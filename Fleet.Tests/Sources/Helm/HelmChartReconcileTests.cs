using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Tests.Sources.Helm;

/// <summary>
/// A node reconciles HelmRepositories and HelmCharts from a real HTTP chart repository: the index published with Flux's
/// revision, the chart pulled as Flux's artifact (`&lt;chart&gt;-&lt;version&gt;.tgz`, revision = version), a new version
/// reaching the chart at once through the repository's subscription, and one download per chart version per node.
/// </summary>
public sealed class HelmChartReconcileTests(HelmNodeFixture fixture) : IClassFixture<HelmNodeFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HelmSourceObjects _objects = new(fixture.Sandbox.Client, "helm-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_HelmRepository_publishes_its_index_with_the_index_digest_as_revision()
    {
        await _objects.CreateRepositoryAsync("charts", fixture.Charts.Url);

        var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmRepository, "charts", ConditionStatus.True, Timeout);
        var index = await File.ReadAllBytesAsync(Path.Combine(fixture.Charts.Root, "index.yaml"));
        var revision = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(index));
        var artifact = ready["status"]!["artifact"]!;
        Assert.Equal(revision, artifact["revision"]!.GetValue<string>());
        Assert.EndsWith($"/helmrepository/{_objects.Namespace}/charts/index-{revision[7..]}.yaml", artifact["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"stored artifact: revision '{revision}'", ObjectConditions.Find(ready, ConditionTypes.Ready)!.Message);
        using var http = new HttpClient();
        var stored = await http.GetByteArrayAsync(artifact["url"]!.GetValue<string>());
        Assert.Equal(artifact["digest"]!.GetValue<string>(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stored)));
        var versions = JsonNode.Parse(stored)!["entries"]!["demo"]!.AsArray().Select(v => v!["version"]!.GetValue<string>());
        Assert.Equal(["2.0.0-rc.1", "1.1.0", "1.0.0"], versions);
        var events = await _objects.EventuallyEventsAsync("charts", SourceConditions.NewArtifactReason, Timeout);
        Assert.Contains(events, e => e.Message.StartsWith("stored fetched index of size ", StringComparison.Ordinal) && e.Message.EndsWith($"from '{fixture.Charts.Url}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_HelmChart_pulls_the_newest_stable_version_in_range_as_Flux_s_artifact()
    {
        await _objects.CreateRepositoryAsync("charts", fixture.Charts.Url);
        await _objects.CreateChartAsync("demo", "demo", "HelmRepository", "charts", new JsonObject { ["version"] = ">=1.0.0 <3.0.0" });

        var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "demo", ConditionStatus.True, Timeout);
        var artifact = ready["status"]!["artifact"]!;
        Assert.Equal("1.1.0", artifact["revision"]!.GetValue<string>());
        Assert.EndsWith($"/helmchart/{_objects.Namespace}/demo/demo-1.1.0.tgz", artifact["url"]!.GetValue<string>(), StringComparison.Ordinal);
        var readyCondition = ObjectConditions.Find(ready, ConditionTypes.Ready)!;
        Assert.Equal((SourceConditions.ChartPullSucceededReason, "pulled 'demo' chart with version '1.1.0'"), (readyCondition.Reason, readyCondition.Message));
        var repository = _objects.Read(FluxKinds.HelmRepository, "charts");
        Assert.Equal(repository["status"]!["artifact"]!["revision"]!.GetValue<string>(), ready["status"]!["observedSourceArtifactRevision"]!.GetValue<string>());
        Assert.Equal("demo", ready["status"]!["observedChartName"]!.GetValue<string>());
        using var http = new HttpClient();
        var package = await http.GetByteArrayAsync(artifact["url"]!.GetValue<string>());
        // Pulled as the repository served it: the same bytes as `helm package` made.
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(fixture.Charts.Root, "demo-1.1.0.tgz")), package);
        Assert.Equal(artifact["digest"]!.GetValue<string>(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(package)));
        await _objects.EventuallyEventsAsync("demo", SourceConditions.ChartPullSucceededReason, Timeout);
    }

    [Fact]
    public async Task Values_files_are_merged_in_order_into_a_packaged_chart_versioned_with_the_generation()
    {
        await _objects.CreateRepositoryAsync("charts", fixture.Charts.Url);
        await _objects.CreateChartAsync("merged", "demo", "HelmRepository", "charts", new JsonObject
        {
            ["version"] = "1.1.0",
            ["valuesFiles"] = new JsonArray("values.yaml", "prod.yaml"),
        });

        var ready = await _objects.EventuallyReadyAsync(FluxKinds.HelmChart, "merged", ConditionStatus.True, Timeout);
        var generation = ready["metadata"]!["generation"]!.GetValue<long>();
        var artifact = ready["status"]!["artifact"]!;
        Assert.Equal($"1.1.0+{generation}", artifact["revision"]!.GetValue<string>());
        var readyCondition = ObjectConditions.Find(ready, ConditionTypes.Ready)!;
        Assert.Equal(
            (SourceConditions.ChartPackageSucceededReason, $"packaged 'demo' chart with version '1.1.0+{generation}' and merged values files [values.yaml prod.yaml]"),
            (readyCondition.Reason, readyCondition.Message));
        using var http = new HttpClient();
        var files = ReadPackage(await http.GetByteArrayAsync(artifact["url"]!.GetValue<string>()));
        Assert.Contains($"version: 1.1.0+{generation}", files["demo/Chart.yaml"], StringComparison.Ordinal);
        var values = Fleet.Actors.Kube.YamlJson.ParseSingle(files["demo/values.yaml"])!;
        Assert.Equal("hi", values["greeting"]!.GetValue<string>());
        Assert.Equal(1L, values["extra"]!["a"]!.GetValue<long>());
        Assert.Equal(2L, values["extra"]!["b"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_new_version_in_the_repository_reaches_the_chart_through_the_repository_s_new_artifact()
    {
        var root = Path.Combine(fixture.Temp, "moving-" + _objects.Namespace);
        await using var server = await Support.Helm.ChartRepositoryServer.StartAsync(root);
        var sources = Path.Combine(fixture.Temp, "moving-sources-" + _objects.Namespace);
        await server.PublishAsync(fixture.Helm, Support.Helm.TestChart.Write(Path.Combine(sources, "1"), "app", "0.1.0"));
        await _objects.CreateRepositoryAsync("moving", server.Url);
        await _objects.CreateChartAsync("app", "app", "HelmRepository", "moving");
        await _objects.EventuallyAsync(FluxKinds.HelmChart, "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "0.1.0", Timeout);

        await server.PublishAsync(fixture.Helm, Support.Helm.TestChart.Write(Path.Combine(sources, "2"), "app", "0.2.0"));
        // Only the repository is asked; the chart follows its new artifact without an interval (1h) or a request.
        await _objects.RequestReconcileAsync(FluxKinds.HelmRepository, "moving", "new-version");

        var updated = await _objects.EventuallyAsync(
            FluxKinds.HelmChart, "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "0.2.0", TimeSpan.FromSeconds(10));
        Assert.Null(updated["metadata"]!["annotations"]?[FluxAnnotations.ReconcileRequestedAt]);
        Assert.Equal(1, server.RequestsFor("/app-0.2.0.tgz"));
    }

    [Fact]
    public async Task A_chart_version_used_by_many_HelmCharts_is_downloaded_once_on_the_node()
    {
        var root = Path.Combine(fixture.Temp, "shared-" + _objects.Namespace);
        await using var server = await Support.Helm.ChartRepositoryServer.StartAsync(root);
        await server.PublishAsync(fixture.Helm, Support.Helm.TestChart.Write(Path.Combine(fixture.Temp, "shared-src-" + _objects.Namespace), "shared", "3.2.1"));
        await _objects.CreateRepositoryAsync("shared", server.Url);
        var names = Enumerable.Range(0, 8).Select(i => $"shared-{i}").ToList();
        await Task.WhenAll(names.Select(name => _objects.CreateChartAsync(name, "shared", "HelmRepository", "shared")));

        foreach (var name in names)
        {
            await _objects.EventuallyAsync(FluxKinds.HelmChart, name, o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == "3.2.1", Timeout);
        }
        Assert.Equal(1, server.RequestsFor("/shared-3.2.1.tgz"));
    }

    private static Dictionary<string, string> ReadPackage(byte[] package)
    {
        using var gzip = new GZipStream(new MemoryStream(package), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                files[entry.Name] = new StreamReader(data).ReadToEnd();
            }
        }
        return files;
    }
}
