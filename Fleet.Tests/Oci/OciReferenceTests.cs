using Fleet.Actors.Oci;

namespace Fleet.Tests.Oci;

public sealed class OciReferenceTests
{
    [Theory]
    [InlineData("nginx", "index.docker.io", "library/nginx", null, null)]
    [InlineData("docker.io/fluxcd/flux:v2", "index.docker.io", "fluxcd/flux", "v2", null)]
    [InlineData("ghcr.io/org/app:1.2.3", "ghcr.io", "org/app", "1.2.3", null)]
    [InlineData("127.0.0.1:5000/a/b/c", "127.0.0.1:5000", "a/b/c", null, null)]
    [InlineData("localhost/app@sha256:abc", "localhost", "app", null, "sha256:abc")]
    public void Names_are_read_with_Docker_Hub_defaults(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = OciReference.Parse(text);

        Assert.Equal(new OciReference(registry, repository, tag, digest), reference);
    }

    [Theory]
    [InlineData("https://ghcr.io/org/app", "URL scheme")]
    [InlineData("ghcr.io/Org/App", "not a valid repository name")]
    [InlineData("ghcr.io/org/app:bad tag", "not a valid tag")]
    public void Malformed_names_say_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<OciException>(() => OciReference.Parse(text));

        Assert.Equal(OciErrorKind.BadInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oci://ghcr.io/org/manifests:v1", "URL must not contain a tag; remove ':v1'")]
    [InlineData("https://ghcr.io/org/manifests", "URL must be in format 'oci://<domain>/<org>/<repo>'")]
    public void Oci_urls_take_no_tag_as_Flux(string url, string expected)
    {
        Assert.Equal(expected, Assert.Throws<OciException>(() => OciReference.ParseUrl(url)).Message);
    }

    [Fact]
    public void Docker_config_logins_are_found_by_host_from_bare_keys_urls_and_auth()
    {
        const string config = """{"auths":{"https://ghcr.io/v1/":{"auth":"dXNlcjpwYTpzcw=="},"127.0.0.1:5000":{"username":"u","password":"p"}}}""";

        Assert.Equal(new RegistryCredentials("user", "pa:ss"), DockerConfig.For(config, "ghcr.io"));
        Assert.Equal(new RegistryCredentials("u", "p"), DockerConfig.For(config, "127.0.0.1:5000"));
        Assert.Null(DockerConfig.For(config, "quay.io"));
        Assert.DoesNotContain("pa:ss", new RegistryCredentials("user", "pa:ss").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bearer_challenges_are_read_with_quoted_commas()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"https://auth.example/token\",service=\"registry\",scope=\"repository:a/b:pull,push\"");

        Assert.Equal("https://auth.example/token", parameters["realm"]);
        Assert.Equal("registry", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_limit_and_take_a_shorter_Retry_After()
    {
        var retry = new OciRetry(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.Equal([1, 2, 3, 3], Enumerable.Range(1, 4).Select(a => retry.DelayAfter(a, null).TotalSeconds));
        Assert.Equal(TimeSpan.FromMilliseconds(200), retry.DelayAfter(3, TimeSpan.FromMilliseconds(200)));
    }
}
