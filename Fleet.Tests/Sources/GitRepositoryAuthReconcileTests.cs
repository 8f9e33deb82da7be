using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Actors.Sources.Git;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Sources;

/// <summary>
/// GitRepository objects reconciled by a node over each auth kind its Secret can hold: an SSH key with
/// known_hosts, a bearer token, a private CA over HTTPS. A failure carries Flux's reason and a message that
/// says what to fix, and no credential reaches status, Events or the node's logs.
/// </summary>
public sealed class GitRepositoryAuthReconcileTests(GitAuthNodeFixture fixture) : IClassFixture<GitAuthNodeFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly GitRepositoryObjects _objects = new(fixture.Sandbox.Client, "gitauth-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => _objects.CreateNamespaceAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_ssh_url_with_identity_and_known_hosts_becomes_Ready_with_a_downloadable_artifact()
    {
        await _objects.CreateSecretAsync("ssh-auth", ("identity", fixture.Ssh.ClientIdentity), ("known_hosts", fixture.Ssh.KnownHosts));
        await _objects.CreateAsync("over-ssh", fixture.Ssh.UrlOf(fixture.Repo), "ssh-auth");

        var ready = await _objects.EventuallyReadyAsync("over-ssh", ConditionStatus.True, Timeout);
        await AssertServesTheRepositoryAsync(ready);
    }

    [Fact]
    public async Task A_wrong_known_hosts_is_AuthenticationFailed_pointing_at_known_hosts_without_key_material()
    {
        await _objects.CreateSecretAsync("ssh-wrong-host", ("identity", fixture.Ssh.ClientIdentity), ("known_hosts", fixture.Ssh.WrongKnownHosts));
        await _objects.CreateAsync("wrong-host", fixture.Ssh.UrlOf(fixture.Repo), "ssh-wrong-host");

        var failed = await _objects.EventuallyReadyAsync("wrong-host", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(failed, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ready.Reason);
        var message = ready.Message;
        Assert.Contains($"no key for [127.0.0.1]:{fixture.Ssh.Port} in 'known_hosts'", message, StringComparison.Ordinal);
        Assert.Contains("the server offered SHA256:", message, StringComparison.Ordinal);
        Assert.DoesNotContain(GitCliTransport.SecretsDirectoryPrefix, message, StringComparison.Ordinal);
        Assert.Null(failed["status"]!["artifact"]);
        var events = await _objects.EventuallyEventsAsync("wrong-host", "Warning", Timeout);
        AssertNowhere(failed, events, KeyMaterial(fixture.Ssh.ClientIdentity));
    }

    [Fact]
    public async Task A_bearer_token_secret_becomes_Ready()
    {
        await _objects.CreateSecretAsync("token", ("bearerToken", GitAuthNodeFixture.Token));
        await _objects.CreateAsync("with-token", fixture.Bearer.UrlOf(fixture.Repo), "token");

        var ready = await _objects.EventuallyReadyAsync("with-token", ConditionStatus.True, Timeout);
        await AssertServesTheRepositoryAsync(ready);
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_AuthenticationFailed_and_appears_nowhere()
    {
        const string wrong = "tok-wrong-0a1b2c3d4e5f-bearer";
        await _objects.CreateSecretAsync("wrong-token", ("bearerToken", wrong));
        await _objects.CreateAsync("bad-token", fixture.Bearer.UrlOf(fixture.Repo), "wrong-token");

        var failed = await _objects.EventuallyReadyAsync("bad-token", ConditionStatus.False, Timeout);
        var ready = ObjectConditions.Find(failed, ConditionTypes.Ready)!;
        Assert.Equal(SourceConditions.AuthenticationFailedReason, ready.Reason);
        Assert.Contains("authentication failed; check the credentials in the GitRepository's secretRef", ready.Message, StringComparison.Ordinal);
        var events = await _objects.EventuallyEventsAsync("bad-token", "Warning", Timeout);
        AssertNowhere(failed, events, [wrong, GitAuthNodeFixture.Token]);
    }

    [Fact]
    public async Task Https_with_a_private_CA_is_Ready_with_ca_crt_and_names_the_certificate_without_it()
    {
        await _objects.CreateSecretAsync("tls", ("username", "fleet"), ("password", GitAuthNodeFixture.Password), ("ca.crt", fixture.Certificates.CaPem));
        await _objects.CreateSecretAsync("no-ca", ("username", "fleet"), ("password", GitAuthNodeFixture.Password));
        await _objects.CreateAsync("with-ca", fixture.Https.UrlOf(fixture.Repo), "tls");
        await _objects.CreateAsync("without-ca", fixture.Https.UrlOf(fixture.Repo), "no-ca");

        var ready = await _objects.EventuallyReadyAsync("with-ca", ConditionStatus.True, Timeout);
        await AssertServesTheRepositoryAsync(ready);
        var failed = await _objects.EventuallyReadyAsync("without-ca", ConditionStatus.False, Timeout);
        Assert.Equal(SourceConditions.GitOperationFailedReason, ObjectConditions.Find(failed, ConditionTypes.Ready)!.Reason);
        Assert.Contains("put that CA in 'ca.crt'", ObjectConditions.Find(failed, ConditionTypes.Ready)!.Message, StringComparison.Ordinal);
        var events = await _objects.EventuallyEventsAsync("without-ca", "Warning", Timeout);
        AssertNowhere(failed, events, [GitAuthNodeFixture.Password, Convert.ToBase64String(Encoding.UTF8.GetBytes($"fleet:{GitAuthNodeFixture.Password}"))]);
    }

    private async Task AssertServesTheRepositoryAsync(JsonObject ready)
    {
        var artifact = ready["status"]!["artifact"]!;
        Assert.Equal($"main@sha1:{fixture.Repo.Head()}", artifact["revision"]!.GetValue<string>());
        var extracted = Path.Combine(fixture.Temp, "extracted-" + Guid.NewGuid().ToString("N"));
        using var http = new HttpClient();
        await new ArtifactDownloader(http).DownloadAndExtractAsync(
            artifact["url"]!.GetValue<string>(), artifact["digest"]!.GetValue<string>(), extracted, CancellationToken.None);
        Assert.Equal("replicas: 3\n", File.ReadAllText(Path.Combine(extracted, "deploy", "app.yaml")));
    }

    /// <summary>The lines of a private key that carry key material, and its armour.</summary>
    private static string[] KeyMaterial(string privateKey) =>
        [.. privateKey.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)), "PRIVATE KEY"];

    private void AssertNowhere(JsonObject obj, IEnumerable<k8s.Models.Corev1Event> events, IEnumerable<string> secrets)
    {
        var status = obj["status"]!.ToJsonString();
        var eventText = string.Join('\n', events.Select(e => $"{e.Reason} {e.Message}"));
        var logs = fixture.Logs.Text;
        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, status, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, eventText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
