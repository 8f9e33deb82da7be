using Fleet.Actors.Kustomize;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Tests.Kustomize;
using Fleet.Node.Http;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sources;

/// <summary>Artifacts served over loopback HTTP, unpacked once per digest for every build of it: verified, shared, evicted.</summary>
public sealed class UnpackedArtifactsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-workspace-tests-");
    private readonly HttpClient _http = new();
    private ArtifactStore _store = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _store = new ArtifactStore(Path.Combine(_temp.FullName, "data"), new Uri(baseUrl), new SteppingClock());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl);
        _app = builder.Build();
        _app.MapArtifacts(_store);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    private async Task<Artifact> PublishAsync(params (string Path, string Content)[] files)
    {
        using var tree = new ManifestTree(files);
        var archive = _store.NewTemporaryPath();
        await ArtifactArchiver.WriteAsync(tree.Root, new IgnoreMatcher(), archive, CancellationToken.None);
        return await _store.StoreAsync("gitrepository", "default", "fleet", archive, "main@sha1:" + new string('a', 40), CancellationToken.None);
    }

    private UnpackedArtifacts Cache(int capacity = 32, long maxBytes = 1L << 30) => new(_http, Path.Combine(_temp.FullName, "unpacked"), capacity, maxBytes);

    [Fact]
    public async Task Builds_of_one_revision_share_one_download_and_the_directory_builds()
    {
        var artifact = await PublishAsync(("apps/cm.yaml", ManifestTree.ConfigMapYaml("from-artifact")));
        var cache = Cache();

        using var first = await cache.AcquireAsync(artifact, CancellationToken.None);
        using var second = await cache.AcquireAsync(artifact, CancellationToken.None);

        Assert.Equal(first.Root, second.Root);
        var objects = await new KustomizeBuilder(KustomizeTool.Locate()).BuildAsync(first.Root, new KustomizationSpec { Path = "./apps" }, CancellationToken.None);
        Assert.Equal("from-artifact", (string?)Assert.Single(objects)["metadata"]!["name"]);
    }

    [Fact]
    public async Task Beyond_capacity_the_least_recently_used_free_artifact_is_deleted_and_one_in_use_is_kept()
    {
        var cache = Cache(capacity: 1);
        var held = await cache.AcquireAsync(await PublishAsync(("a.yaml", ManifestTree.ConfigMapYaml("a"))), CancellationToken.None);
        var older = await cache.AcquireAsync(await PublishAsync(("b.yaml", ManifestTree.ConfigMapYaml("b"))), CancellationToken.None);
        var olderRoot = older.Root;

        older.Dispose();
        Assert.False(Directory.Exists(olderRoot));
        Assert.True(File.Exists(Path.Combine(held.Root, "a.yaml")));
        held.Dispose();
        Assert.True(Directory.Exists(held.Root));
    }

    [Fact]
    public async Task Beyond_the_byte_budget_free_artifacts_are_deleted()
    {
        var cache = Cache(maxBytes: 1);
        var first = await cache.AcquireAsync(await PublishAsync(("a.yaml", ManifestTree.ConfigMapYaml("a"))), CancellationToken.None);
        var root = first.Root;

        first.Dispose();

        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void A_node_start_empties_what_a_previous_run_left()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_temp.FullName, "unpacked", "stale")).FullName;

        Cache();

        Assert.False(Directory.Exists(leftover));
    }

    [Fact]
    public async Task A_digest_mismatch_is_refused_and_not_remembered()
    {
        var artifact = await PublishAsync(("cm.yaml", ManifestTree.ConfigMapYaml("cm")));
        var tampered = artifact with { Digest = "sha256:" + new string('0', 64) };
        var cache = Cache();

        var error = await Assert.ThrowsAsync<ArtifactDownloadException>(() => cache.AcquireAsync(tampered, CancellationToken.None));

        Assert.Contains($"has digest {artifact.Digest}, expected {tampered.Digest}", error.Message, StringComparison.Ordinal);
        using var good = await cache.AcquireAsync(artifact, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(good.Root, "cm.yaml")));
    }

    [Fact]
    public async Task An_artifact_gone_from_its_node_is_refused_with_the_HTTP_status()
    {
        var artifact = await PublishAsync(("cm.yaml", ManifestTree.ConfigMapYaml("cm")));
        var gone = artifact with { Url = artifact.Url.Replace(".tar.gz", "-gone.tar.gz", StringComparison.Ordinal) };

        var error = await Assert.ThrowsAsync<ArtifactDownloadException>(() => Cache().AcquireAsync(gone, CancellationToken.None));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }
}
