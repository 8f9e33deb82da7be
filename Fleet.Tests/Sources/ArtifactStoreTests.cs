using System.Formats.Tar;
using System.IO.Compression;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Ignore;
using Fleet.Node.Http;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sources;

/// <summary>Storing, garbage collection, serving over HTTP, and verified, safe download of artifacts.</summary>
public sealed class ArtifactStoreTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-artifacts-");
    private ArtifactStore _store = null!;
    private WebApplication _app = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _baseUrl = $"http://127.0.0.1:{port}";
        _store = new ArtifactStore(Path.Combine(_temp.FullName, "data"), new Uri(_baseUrl), new SteppingClock());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(_baseUrl);
        _app = builder.Build();
        _app.MapArtifacts(_store);
        await _app.StartAsync();
    }

    private async Task<string> ArchiveOfAsync(string content)
    {
        var tree = Directory.CreateDirectory(Path.Combine(_temp.FullName, "tree-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(tree, "file.yaml"), content);
        var archive = _store.NewTemporaryPath();
        await ArtifactArchiver.WriteAsync(tree, new IgnoreMatcher(), archive, CancellationToken.None);
        return archive;
    }

    private async Task<Fleet.Messages.Api.Meta.Artifact> StoreAsync(string content) =>
        await _store.StoreAsync("gitrepository", "default", "app", await ArchiveOfAsync(content), $"rev-{content}", CancellationToken.None);

    [Fact]
    public async Task A_store_whose_base_URL_is_known_later_waits_for_it_before_naming_an_artifact()
    {
        var later = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new ArtifactStore(Path.Combine(_temp.FullName, "later"), later.Task);
        var archive = store.NewTemporaryPath();
        await File.WriteAllTextAsync(archive, "not really a tarball");

        var storing = store.StoreAsync("gitrepository", "ns", "app", archive, "main@sha1:abc", CancellationToken.None);
        // The archive is in place: all that is left is naming it, which needs the base URL.
        await Eventually.True(() => store.List("gitrepository", "ns", "app").Count == 1, TimeSpan.FromSeconds(10), () => "the archive to be stored");
        Assert.False(storing.IsCompleted);
        later.SetResult(new Uri("http://127.0.0.1:45678/"));

        var artifact = await storing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("http://127.0.0.1:45678/gitrepository/ns/app/", artifact.Url, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:45678", await store.BaseUrlAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_two_newest_artifacts_of_an_object_are_kept()
    {
        var first = await StoreAsync("one");
        var second = await StoreAsync("two");
        var third = await StoreAsync("three");
        await _store.StoreAsync("gitrepository", "default", "other", await ArchiveOfAsync("one"), "r", CancellationToken.None);

        var kept = _store.List("gitrepository", "default", "app").Select(Path.GetFileName);
        Assert.Equal([Path.GetFileName(third.Path), Path.GetFileName(second.Path)], kept);
        Assert.False(File.Exists(Path.Combine(_store.Root, first.Path)));
        Assert.Single(_store.List("gitrepository", "default", "other"));
    }

    [Fact]
    public async Task Storing_the_same_tree_again_keeps_one_file_and_makes_it_newest()
    {
        var first = await StoreAsync("one");
        await StoreAsync("two");
        var again = await StoreAsync("one");
        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(first.Path, again.Path);
        Assert.Equal(Path.GetFileName(again.Path), Path.GetFileName(_store.List("gitrepository", "default", "app")[0]));
        Assert.Equal(2, _store.List("gitrepository", "default", "app").Count);
    }

    [Fact]
    public async Task A_served_artifact_downloads_verifies_and_extracts()
    {
        var artifact = await StoreAsync("served");
        using var http = new HttpClient();
        var destination = Path.Combine(_temp.FullName, "out");
        await new ArtifactDownloader(http).DownloadAndExtractAsync(artifact.Url, artifact.Digest!, destination, CancellationToken.None);
        Assert.Equal("served", File.ReadAllText(Path.Combine(destination, "file.yaml")));
        Assert.StartsWith(_baseUrl + "/gitrepository/default/app/", artifact.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_mismatch_is_refused_and_nothing_is_extracted()
    {
        var artifact = await StoreAsync("served");
        using var http = new HttpClient();
        var destination = Path.Combine(_temp.FullName, "out");
        var wrong = "sha256:" + new string('0', 64);
        var error = await Assert.ThrowsAsync<ArtifactDownloadException>(() =>
            new ArtifactDownloader(http).DownloadAndExtractAsync(artifact.Url, wrong, destination, CancellationToken.None));
        Assert.Contains(artifact.Digest!, error.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(destination));
    }

    [Fact]
    public async Task Unknown_and_escaping_paths_are_not_served()
    {
        await StoreAsync("served");
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"{_baseUrl}/gitrepository/default/app/{new string('0', 64)}.tar.gz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"{_baseUrl}/gitrepository/default/app/..%2F..%2Fsecret.tar.gz")).StatusCode);
        Assert.Null(_store.Open("gitrepository/default/../../x.tar.gz"));
        var error = await Assert.ThrowsAsync<ArtifactDownloadException>(() =>
            new ArtifactDownloader(http).DownloadAndExtractAsync($"{_baseUrl}/gitrepository/default/app/missing.tar.gz", "sha256:" + new string('0', 64), Path.Combine(_temp.FullName, "x"), CancellationToken.None));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.txt", TarEntryType.RegularFile)]
    [InlineData("/etc/escape.txt", TarEntryType.RegularFile)]
    [InlineData("link", TarEntryType.SymbolicLink)]
    public async Task Extraction_refuses_entries_that_escape_or_link(string name, TarEntryType type)
    {
        var archive = Path.Combine(_temp.FullName, "evil.tar.gz");
        await using (var file = File.Create(archive))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            var entry = new GnuTarEntry(type, name);
            if (type == TarEntryType.SymbolicLink)
            {
                entry.LinkName = "/etc/passwd";
            }
            else
            {
                entry.DataStream = new MemoryStream("x"u8.ToArray());
            }
            await tar.WriteEntryAsync(entry);
        }
        var destination = Path.Combine(_temp.FullName, "extract");
        await Assert.ThrowsAsync<ArtifactDownloadException>(() => SafeExtractor.ExtractAsync(archive, destination, CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(_temp.FullName, "escape.txt")));
    }

    [Fact]
    public async Task Deleting_an_object_removes_its_artifacts()
    {
        await StoreAsync("one");
        _store.Delete("gitrepository", "default", "app");
        Assert.Empty(_store.List("gitrepository", "default", "app"));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _temp.Delete(recursive: true);
    }
}
