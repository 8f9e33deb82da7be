using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Source;
using Fleet.Node.Sandbox.Git;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Sources;

/// <summary>Basic auth, bearer tokens and SSH keys against real servers, and the failures a person must be able to act on.</summary>
public sealed class GitFetcherAuthTests : IAsyncLifetime
{
    private const string Password = "s3cret-Passw0rd-xyz";
    private const string Token = "tok-9f8e7d6c5b4a-bearer";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-git-auth-");
    private string _root = "";
    private GitWorkRepository _repo = null!;
    private string _head = "";

    public Task InitializeAsync()
    {
        _root = Directory.CreateDirectory(Path.Combine(_temp.FullName, "served")).FullName;
        _repo = GitWorkRepository.Init(_root, "app");
        _head = _repo.Write("a.yaml", "a: 1\n").Commit("first");
        return Task.CompletedTask;
    }

    private GitFetchRequest Request(string url, GitCredentials credentials, GitRepositoryRef? reference = null, TimeSpan? timeout = null) =>
        new(url, reference, credentials, Path.Combine(_temp.FullName, "copy-" + Guid.NewGuid().ToString("N")), timeout ?? GitFetchRequest.DefaultTimeout);

    private static async Task<GitFetchException> FailsAsync(GitFetchRequest request, string reason)
    {
        var error = await Assert.ThrowsAsync<GitFetchException>(() => GitFetcher.FetchAsync(request, CancellationToken.None));
        Assert.True(reason == error.Reason, error.Message);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Message, StringComparison.Ordinal);
        return error;
    }

    private static Dictionary<string, byte[]> Secret(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Key, entry => System.Text.Encoding.UTF8.GetBytes(entry.Value));

    [Fact]
    public async Task Basic_auth_fetches_with_the_right_password_and_fails_as_AuthenticationFailed_without_leaking_the_wrong_one()
    {
        await using var server = await GitHttpServer.StartAsync(_root, GitHttpAuth.Basic("fleet", Password));
        var url = server.UrlOf(_repo);
        var good = GitCredentials.FromSecret("git-auth", Secret(("username", "fleet"), ("password", Password)), new Uri(url));
        Assert.Equal($"master@sha1:{_head}", (await GitFetcher.FetchAsync(Request(url, good), CancellationToken.None)).Revision);

        await FailsAsync(Request(url, GitCredentials.None), SourceConditions.AuthenticationFailedReason);
        var wrong = good with { Password = Password + "-wrong" };
        var error = await FailsAsync(Request(url, wrong), SourceConditions.AuthenticationFailedReason);
        Assert.DoesNotContain(wrong.Password!, error.Message, StringComparison.Ordinal);
        Assert.Contains("secretRef", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_token_fetches_and_a_wrong_token_fails_as_AuthenticationFailed()
    {
        await using var server = await GitHttpServer.StartAsync(_root, GitHttpAuth.Bearer(Token));
        var url = server.UrlOf(_repo);
        var good = GitCredentials.FromSecret("git-auth", Secret(("bearerToken", Token)), new Uri(url));
        Assert.Equal($"master@sha1:{_head}", (await GitFetcher.FetchAsync(Request(url, good), CancellationToken.None)).Revision);

        var wrong = new GitCredentials(BearerToken: Token + "-wrong");
        var error = await FailsAsync(Request(url, wrong), SourceConditions.AuthenticationFailedReason);
        Assert.DoesNotContain(wrong.BearerToken!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_with_a_private_CA_fetches_only_when_ca_crt_is_given()
    {
        using var certificates = TestCertificates.Create();
        await using var server = await GitHttpServer.StartAsync(_root, GitHttpAuth.Basic("fleet", Password), certificates.Server);
        var url = server.UrlOf(_repo);
        var withCa = GitCredentials.FromSecret("tls", Secret(("username", "fleet"), ("password", Password), ("ca.crt", certificates.CaPem)), new Uri(url));
        Assert.Equal($"master@sha1:{_head}", (await GitFetcher.FetchAsync(Request(url, withCa), CancellationToken.None)).Revision);

        var error = await FailsAsync(Request(url, withCa with { CaCertificate = null }), SourceConditions.GitOperationFailedReason);
        Assert.Contains("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ssh_with_identity_and_known_hosts_fetches_every_ref_kind()
    {
        await using var sshd = await GitSshServer.StartAsync();
        var url = sshd.UrlOf(_repo);
        _repo.AnnotatedTag("v1.0.0", "one");
        var second = _repo.Write("b.yaml", "b: 2\n").Commit("second");
        var credentials = GitCredentials.FromSecret("ssh", Secret(("identity", sshd.ClientIdentity), ("known_hosts", sshd.KnownHosts)), new Uri(url));
        var before = CredentialDirectories();

        var branch = await GitFetcher.FetchAsync(Request(url, credentials), CancellationToken.None);
        var tag = await GitFetcher.FetchAsync(Request(url, credentials, new GitRepositoryRef { Tag = "v1.0.0" }), CancellationToken.None);
        var semver = await GitFetcher.FetchAsync(Request(url, credentials, new GitRepositoryRef { SemVer = "^1.0" }), CancellationToken.None);
        var commit = await GitFetcher.FetchAsync(Request(url, credentials, new GitRepositoryRef { Commit = _head }), CancellationToken.None);

        Assert.Equal($"master@sha1:{second}", branch.Revision);
        Assert.Equal($"v1.0.0@sha1:{_head}", tag.Revision);
        Assert.Equal($"v1.0.0@sha1:{_head}", semver.Revision);
        Assert.Equal($"sha1:{_head}", commit.Revision);
        // Other tests' fetches hold credential directories of their own for a moment; none of this test's may stay.
        await Eventually.True(() => CredentialDirectories().IsSubsetOf(before), TimeSpan.FromSeconds(15), () => "the fetches' credential directories to be removed");
    }

    [Fact]
    public async Task Ssh_with_an_unknown_key_or_a_wrong_host_key_fails_as_AuthenticationFailed()
    {
        await using var sshd = await GitSshServer.StartAsync();
        var url = sshd.UrlOf(_repo);
        var unknownKey = new GitCredentials(Identity: sshd.UnknownIdentity, KnownHosts: sshd.KnownHosts);
        var wrongHost = new GitCredentials(Identity: sshd.ClientIdentity, KnownHosts: sshd.WrongKnownHosts);

        await FailsAsync(Request(url, unknownKey), SourceConditions.AuthenticationFailedReason);
        var error = await FailsAsync(Request(url, wrongHost), SourceConditions.AuthenticationFailedReason);
        Assert.DoesNotContain(sshd.ClientIdentity.Split('\n')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_secret_keys_are_AuthenticationFailed_and_name_the_key()
    {
        var ssh = new Uri("ssh://git@127.0.0.1:22/repo");
        var http = new Uri("http://127.0.0.1/repo");
        Assert.Contains("'identity'", Assert.Throws<GitFetchException>(() => GitCredentials.FromSecret("s", Secret(("known_hosts", "x")), ssh)).Message, StringComparison.Ordinal);
        Assert.Contains("'known_hosts'", Assert.Throws<GitFetchException>(() => GitCredentials.FromSecret("s", Secret(("identity", "x")), ssh)).Message, StringComparison.Ordinal);
        var noPassword = Assert.Throws<GitFetchException>(() => GitCredentials.FromSecret("s", Secret(("username", "u")), http));
        Assert.Equal(SourceConditions.AuthenticationFailedReason, noPassword.Reason);
        Assert.Contains("'password'", noPassword.Message, StringComparison.Ordinal);
        var noUser = Assert.Throws<GitFetchException>(() => GitCredentials.FromSecret("s", Secret(("password", Password)), http));
        Assert.Contains("'username'", noUser.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, noUser.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tls.crt", SourceConditions.AuthenticationFailedReason, "a TLS client certificate ('tls.crt', 'tls.key' in Secret 's') is not supported by this version of Fleet yet")]
    [InlineData("tls.key", SourceConditions.AuthenticationFailedReason, "a TLS client certificate ('tls.crt', 'tls.key' in Secret 's') is not supported by this version of Fleet yet")]
    [InlineData("githubAppID", SourceConditions.InvalidProviderConfigurationReason, "secretRef 's' has github app data but provider is not set to github")]
    public void A_secret_key_Fleet_does_not_honour_is_refused_for_https(string key, string reason, string message)
    {
        var error = Assert.Throws<GitFetchException>(() => GitCredentials.FromSecret("s", Secret((key, "x")), new Uri("https://127.0.0.1/repo")));
        Assert.Equal((reason, message), (error.Reason, error.Message));
    }

    [Fact]
    public void A_client_certificate_is_ignored_for_ssh_as_Flux_does() =>
        Assert.Equal("i", GitCredentials.FromSecret("s", Secret(("identity", "i"), ("known_hosts", "h"), ("tls.crt", "c")), new Uri("ssh://git@127.0.0.1/repo")).Identity);

    [Fact]
    public async Task Unreachable_host_is_GitOperationFailed_naming_the_url()
    {
        var url = $"http://127.0.0.1:{Support.FreePort.Next()}/app";
        var error = await FailsAsync(Request(url, GitCredentials.None), SourceConditions.GitOperationFailedReason);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_branch_tag_and_unmatched_semver_are_GitOperationFailed_naming_what_is_missing()
    {
        await using var server = await GitHttpServer.StartAsync(_root);
        var url = server.UrlOf(_repo);
        var branch = await FailsAsync(Request(url, GitCredentials.None, new GitRepositoryRef { Branch = "nope" }), SourceConditions.GitOperationFailedReason);
        var tag = await FailsAsync(Request(url, GitCredentials.None, new GitRepositoryRef { Tag = "v9.9.9" }), SourceConditions.GitOperationFailedReason);
        var semver = await FailsAsync(Request(url, GitCredentials.None, new GitRepositoryRef { SemVer = ">=5.0.0" }), SourceConditions.GitOperationFailedReason);
        var commit = await FailsAsync(Request(url, GitCredentials.None, new GitRepositoryRef { Commit = new string('a', 40) }), SourceConditions.GitOperationFailedReason);
        Assert.Contains("branch 'nope' not found", branch.Message, StringComparison.Ordinal);
        Assert.Contains("tag 'v9.9.9' not found", tag.Message, StringComparison.Ordinal);
        Assert.Contains("'>=5.0.0'", semver.Message, StringComparison.Ordinal);
        Assert.Contains(new string('a', 40), commit.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/repo")]
    [InlineData("not a url")]
    [InlineData("http://")]
    public async Task Malformed_url_is_URLInvalid(string url)
    {
        await FailsAsync(Request(url, GitCredentials.None), SourceConditions.URLInvalidReason);
    }

    [Fact]
    public async Task Malformed_url_with_a_password_in_it_does_not_show_the_password()
    {
        var error = await FailsAsync(Request($"ftp://fleet:{Password}@127.0.0.1/repo", GitCredentials.None), SourceConditions.URLInvalidReason);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_timeout()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await FailsAsync(Request($"http://127.0.0.1:{port}/app", GitCredentials.None, timeout: TimeSpan.FromSeconds(2)), SourceConditions.GitOperationFailedReason);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_git_cli_is_stopped_at_the_timeout_too()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var bearer = new GitCredentials(BearerToken: Token);
        var error = await FailsAsync(Request($"http://127.0.0.1:{port}/app", bearer, timeout: TimeSpan.FromSeconds(2)), SourceConditions.GitOperationFailedReason);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    public Task DisposeAsync()
    {
        _temp.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static HashSet<string> CredentialDirectories() => [.. Directory.GetDirectories(Path.GetTempPath(), GitCliTransport.SecretsDirectoryPrefix + "*")];
}
