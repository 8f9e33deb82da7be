using System.Formats.Tar;
using System.IO.Compression;
using Fleet.Actors.Oci;

namespace Fleet.Tests.Oci;

/// <summary>The distribution client against Debian's docker-registry on loopback: plain HTTP, basic auth and TLS.</summary>
public sealed class OciClientTests
{
    private static readonly Dictionary<string, string> Files = new() { ["deploy/app.yaml"] = "kind: ConfigMap\n", ["README.md"] = "hello\n" };

    [Fact]
    public async Task A_pushed_Flux_artifact_is_listed_resolved_and_downloaded_with_its_digest_checked()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var client = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true });
        var target = OciReference.Parse($"{registry.Host}/apps/demo:v1.0.0");

        var pushed = await TestArtifacts.PushAsync(client, target, Files);
        var head = await client.HeadManifestAsync("apps/demo", "v1.0.0", CancellationToken.None);
        var manifest = await client.GetManifestAsync("apps/demo", pushed, CancellationToken.None);

        Assert.Equal(pushed, head.Digest);
        Assert.Equal(OciMediaTypes.ImageManifest, manifest.MediaType);
        Assert.Equal(OciMediaTypes.FluxConfig, manifest.Manifest.Config!.MediaType);
        var layer = Assert.Single(manifest.Manifest.Layers!);
        Assert.Equal(OciMediaTypes.FluxContent, layer.MediaType);
        Assert.Equal("https://example.com/org/repo", manifest.Manifest.Annotations![OciAnnotations.Source]);
        Assert.Equal("2026-01-02T03:04:05Z", manifest.Manifest.Annotations[OciAnnotations.Created]);
        using var blob = new MemoryStream();
        await client.DownloadBlobAsync("apps/demo", layer, blob, CancellationToken.None);
        blob.Position = 0;
        Assert.Equal(["README.md", "deploy/", "deploy/app.yaml"], await EntriesAsync(blob));
        Assert.Equal(["v1.0.0"], await client.ListTagsAsync("apps/demo", CancellationToken.None));
    }

    [Fact]
    public async Task Tags_are_read_page_by_page_through_the_Link_header()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var client = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true });
        var tags = new[] { "1.0.0", "1.0.1", "1.1.0", "2.0.0", "latest" };
        var digest = await TestArtifacts.PushAsync(client, OciReference.Parse($"{registry.Host}/paged:{tags[0]}"), Files);
        var manifest = await client.GetManifestAsync("paged", digest, CancellationToken.None);
        foreach (var tag in tags.Skip(1))
        {
            await client.PushManifestAsync("paged", tag, manifest.Content, manifest.MediaType, CancellationToken.None);
        }

        var listed = await client.ListTagsAsync("paged", CancellationToken.None, pageSize: 2);

        Assert.Equal(tags, listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_tag_or_repository_is_NotFound_and_a_blob_of_another_size_is_refused()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var client = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true });
        var digest = await TestArtifacts.PushAsync(client, OciReference.Parse($"{registry.Host}/present:v1"), Files);
        var layer = (await client.GetManifestAsync("present", digest, CancellationToken.None)).Manifest.Layers![0];

        var missingTag = await Assert.ThrowsAsync<OciException>(() => client.HeadManifestAsync("present", "v2", CancellationToken.None));
        var missingRepository = await Assert.ThrowsAsync<OciException>(() => client.ListTagsAsync("absent", CancellationToken.None));
        var wrongSize = await Assert.ThrowsAsync<OciException>(() => client.DownloadBlobAsync("present", layer with { Size = layer.Size + 1 }, Stream.Null, CancellationToken.None));

        Assert.Equal(OciErrorKind.NotFound, missingTag.Kind);
        Assert.Equal(OciErrorKind.NotFound, missingRepository.Kind);
        Assert.Contains("NAME_UNKNOWN", missingRepository.Message, StringComparison.Ordinal);
        Assert.Equal(OciErrorKind.Invalid, wrongSize.Kind);
    }

    [Fact]
    public async Task Basic_auth_works_with_the_login_and_fails_without_it_never_showing_the_password()
    {
        await using var registry = await RegistryServer.StartAsync(login: ("fleet", "s3cret-pass"));
        var good = RegistryConnection.Anonymous with { Insecure = true, Credentials = new RegistryCredentials("fleet", "s3cret-pass") };
        using var client = new OciClient(registry.Host, good);
        await TestArtifacts.PushAsync(client, OciReference.Parse($"{registry.Host}/private/app:v1"), Files);

        using var anonymous = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true });
        using var wrong = new OciClient(registry.Host, good with { Credentials = new RegistryCredentials("fleet", "wrong-pass") });
        var noLogin = await Assert.ThrowsAsync<OciException>(() => anonymous.ListTagsAsync("private/app", CancellationToken.None));
        var badLogin = await Assert.ThrowsAsync<OciException>(() => wrong.ListTagsAsync("private/app", CancellationToken.None));

        Assert.Equal(["v1"], await client.ListTagsAsync("private/app", CancellationToken.None));
        Assert.Equal(OciErrorKind.Unauthorized, noLogin.Kind);
        Assert.Equal(OciErrorKind.Unauthorized, badLogin.Kind);
        Assert.DoesNotContain("wrong-pass", badLogin.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bearer_token_flow_gets_a_token_once_per_scope_with_the_login()
    {
        using var tokens = new TokenServer(("robot", "t0ken-pass"));
        await using var registry = await RegistryServer.StartAsync(tokenRealm: tokens.Realm, tokenIssuerCertificatePem: tokens.CertificatePem);
        var login = RegistryConnection.Anonymous with { Insecure = true, Credentials = new RegistryCredentials("robot", "t0ken-pass") };
        using var client = new OciClient(registry.Host, login);
        using var anonymous = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true });

        await TestArtifacts.PushAsync(client, OciReference.Parse($"{registry.Host}/tokened/app:v1"), Files);
        var pushTokens = tokens.Requests;
        Assert.Equal(["v1"], await client.ListTagsAsync("tokened/app", CancellationToken.None));
        await client.HeadManifestAsync("tokened/app", "v1", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<OciException>(() => anonymous.ListTagsAsync("tokened/app", CancellationToken.None));

        // One token for pull that the tag list and the HEAD share, and one the anonymous client was refused.
        Assert.Equal(pushTokens + 2, tokens.Requests);
        Assert.Equal(OciErrorKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Tls_is_trusted_through_the_given_CA_and_refused_without_it()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true);
        var trusted = RegistryConnection.Anonymous with { Tls = new RegistryTls(registry.Certificates!.CaPem, null, null) };
        using var client = new OciClient(registry.Host, trusted);
        using var untrusted = new OciClient(registry.Host, RegistryConnection.Anonymous, retry: OciRetry.None);

        await TestArtifacts.PushAsync(client, OciReference.Parse($"{registry.Host}/secure:v1"), Files);
        var refused = await Assert.ThrowsAsync<OciException>(() => untrusted.ListTagsAsync("secure", CancellationToken.None));

        Assert.Equal(["v1"], await client.ListTagsAsync("secure", CancellationToken.None));
        Assert.Equal(OciErrorKind.Unreachable, refused.Kind);
    }

    private static async Task<List<string>> EntriesAsync(Stream tarGz)
    {
        await using var gzip = new GZipStream(tarGz, CompressionMode.Decompress, leaveOpen: true);
        await using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
        }
        return names;
    }
}
