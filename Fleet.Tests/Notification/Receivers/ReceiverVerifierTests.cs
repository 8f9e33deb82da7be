using System.Security.Cryptography;
using System.Text;
using Fleet.Actors.Notification.Receivers.Verification;
using Fleet.Messages.Api.Notification;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>Each Receiver type's verification, as notification-controller's handler accepts and refuses calls.</summary>
public sealed class ReceiverVerifierTests
{
    private const string Token = "s3cret-token";
    private static readonly ReceiverSecret Secret = new(new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Token) });

    private static WebhookCall Call(string body, params (string Name, string Value)[] headers) =>
        new(headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), Encoding.UTF8.GetBytes(body));

    private static string Hex(Func<byte[], byte[], byte[]> mac, string key, string body) =>
        Convert.ToHexStringLower(mac(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    private static WebhookVerdict Verify(string type, WebhookCall call, IReadOnlyList<string>? events = null) =>
        ReceiverVerifier.Verify(type, events, Secret, call);

    [Fact]
    public void GenericAcceptsAnyCall() =>
        Assert.True(Verify(ReceiverTypes.Generic, Call("not json at all")).Accepted);

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public void GenericHmacAcceptsTheBodysSignatureUnderTheToken(string algorithm)
    {
        const string body = """{"a":1}""";
        Func<byte[], byte[], byte[]> mac = algorithm switch { "sha1" => HMACSHA1.HashData, "sha256" => HMACSHA256.HashData, _ => HMACSHA512.HashData };
        Assert.True(Verify(ReceiverTypes.GenericHmac, Call(body, ("X-Signature", $"{algorithm}={Hex(mac, Token, body)}"))).Accepted);
        var tampered = Verify(ReceiverTypes.GenericHmac, Call(body + " ", ("X-Signature", $"{algorithm}={Hex(mac, Token, body)}")));
        Assert.False(tampered.Accepted);
        Assert.Equal("unable to validate HMAC signature: payload signature check failed", tampered.Message);
    }

    [Theory]
    [InlineData(null, "missing signature")]
    [InlineData("deadbeef", "error parsing signature")]
    [InlineData("md5=00", "unknown hash type prefix")]
    [InlineData("sha256=zz", "error decoding signature")]
    public void GenericHmacRefusesAMalformedSignature(string? signature, string why)
    {
        var call = signature is null ? Call("{}") : Call("{}", ("X-Signature", signature));
        Assert.Equal($"unable to validate HMAC signature: {why}", Verify(ReceiverTypes.GenericHmac, call).Message);
    }

    [Fact]
    public void GitHubChecksTheSha256SignatureThenTheEventList()
    {
        const string body = """{"ref":"refs/heads/main"}""";
        var signature = ("X-Hub-Signature-256", "sha256=" + Hex(HMACSHA256.HashData, Token, body));
        var push = Verify(ReceiverTypes.GitHub, Call(body, ("Content-Type", "application/json"), ("X-GitHub-Event", "push"), signature), ["ping", "push"]);
        Assert.True(push is { Accepted: true, Triggers: true, Event: "push" }, push.Message);
        var ping = Verify(ReceiverTypes.GitHub, Call(body, ("Content-Type", "application/json"), ("X-GitHub-Event", "ping"), signature), ["ping", "push"]);
        Assert.True(ping is { Accepted: true, Triggers: false }, ping.Message);
        var issues = Verify(ReceiverTypes.GitHub, Call(body, ("Content-Type", "application/json"), ("X-GitHub-Event", "issues"), signature), ["ping", "push"]);
        Assert.Equal("the GitHub event \"issues\" is not authorised", issues.Message);
        Assert.True(Verify(ReceiverTypes.GitHub, Call(body, ("Content-Type", "application/json"), ("X-GitHub-Event", "issues"), signature)).Accepted);
    }

    [Fact]
    public void GitHubAcceptsTheLegacySha1HeaderAndAFormPayload()
    {
        const string body = "payload=%7B%22ref%22%3A%22main%22%7D";
        var call = Call(body, ("Content-Type", "application/x-www-form-urlencoded"), ("X-Hub-Signature", "sha1=" + Hex(HMACSHA1.HashData, Token, body)));
        Assert.True(Verify(ReceiverTypes.GitHub, call).Accepted);
    }

    [Theory]
    [InlineData("text/plain", "webhook request has unsupported Content-Type \"text/plain\"")]
    [InlineData(null, "the Content-Type header is missing or malformed")]
    public void GitHubRefusesAnotherContentType(string? contentType, string why)
    {
        const string body = "{}";
        var signature = ("X-Hub-Signature-256", "sha256=" + Hex(HMACSHA256.HashData, Token, body));
        var call = contentType is null ? Call(body, signature) : Call(body, ("Content-Type", contentType), signature);
        Assert.Equal($"the GitHub signature header is invalid, err: {why}", Verify(ReceiverTypes.GitHub, call).Message);
    }

    [Fact]
    public void GitLabComparesTheTokenHeaderThenTheEventList()
    {
        Assert.True(Verify(ReceiverTypes.GitLab, Call("{}", ("X-Gitlab-Token", Token), ("X-Gitlab-Event", "Push Hook")), ["push hook"]).Accepted);
        Assert.Equal("the X-Gitlab-Token header value does not match the receiver token",
            Verify(ReceiverTypes.GitLab, Call("{}", ("X-Gitlab-Token", Token + "x"))).Message);
        Assert.Equal("the GitLab event \"Tag Push Hook\" is not authorised",
            Verify(ReceiverTypes.GitLab, Call("{}", ("X-Gitlab-Token", Token), ("X-Gitlab-Event", "Tag Push Hook")), ["Push Hook"]).Message);
    }

    [Fact]
    public void BitbucketChecksTheHubSignatureAndTheEventKey()
    {
        const string body = """{"push":{}}""";
        var signature = ("X-Hub-Signature", "sha256=" + Hex(HMACSHA256.HashData, Token, body));
        Assert.True(Verify(ReceiverTypes.Bitbucket, Call(body, ("Content-Type", "application/json"), ("X-Event-Key", "repo:refs_changed"), signature), ["repo:refs_changed"]).Accepted);
        Assert.Equal("the Bitbucket server event \"pr:opened\" is not authorised",
            Verify(ReceiverTypes.Bitbucket, Call(body, ("Content-Type", "application/json"), ("X-Event-Key", "pr:opened"), signature), ["repo:refs_changed"]).Message);
        Assert.StartsWith("the Bitbucket server signature header is invalid",
            Verify(ReceiverTypes.Bitbucket, Call(body, ("Content-Type", "application/json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HarborComparesTheAuthorizationHeader()
    {
        Assert.True(Verify(ReceiverTypes.Harbor, Call("{}", ("Authorization", Token))).Accepted);
        Assert.Equal("the Harbor Authorization header value does not match the receiver token", Verify(ReceiverTypes.Harbor, Call("{}", ("Authorization", "Bearer x"))).Message);
    }

    [Theory]
    [InlineData(ReceiverTypes.DockerHub, """{"push_data":{"tag":"1.0"},"repository":{"repo_url":"https://hub.docker.com/r/a/b"}}""", """{"push_data":"1.0"}""")]
    [InlineData(ReceiverTypes.Quay, """{"docker_url":"quay.io/a/b","updated_tags":["1.0"]}""", """{"updated_tags":"1.0"}""")]
    [InlineData(ReceiverTypes.Acr, """{"action":"push","target":{"repository":"a","tag":"1.0"}}""", """{"target":[]}""")]
    public void RegistriesAcceptOnlyTheirPayload(string type, string payload, string wrongShape)
    {
        Assert.True(Verify(type, Call(payload)).Accepted);
        Assert.False(Verify(type, Call(wrongShape)).Accepted);
        Assert.Contains("webhook payload", Verify(type, Call("{not json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NexusChecksTheBareSha1SignatureThenThePayload()
    {
        const string body = """{"action":"CREATED","repositoryName":"maven"}""";
        Assert.True(Verify(ReceiverTypes.Nexus, Call(body, ("X-Nexus-Webhook-Signature", Hex(HMACSHA1.HashData, Token, body)))).Accepted);
        Assert.Equal("the Nexus signature is missing from header", Verify(ReceiverTypes.Nexus, Call(body)).Message);
        Assert.Equal("invalid Nexus signature", Verify(ReceiverTypes.Nexus, Call(body, ("X-Nexus-Webhook-Signature", Hex(HMACSHA1.HashData, "other", body)))).Message);
        Assert.StartsWith("cannot decode Nexus webhook payload",
            Verify(ReceiverTypes.Nexus, Call("[1]", ("X-Nexus-Webhook-Signature", Hex(HMACSHA1.HashData, Token, "[1]")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CDEventsValidatesTheEventThenTheCeTypeList()
    {
        const string type = "dev.cdevents.artifact.published.0.2.0";
        var body = $$$"""{"subject":{"id":"pkg:oci/app","content":{}},"context":{"version":"0.4.1","id":"1","source":"/ci","type":"{{{type}}}","timestamp":"2026-01-01T00:00:00Z"}}""";
        Assert.True(Verify(ReceiverTypes.CDEvents, Call(body, ("Ce-Type", type)), [type]).Accepted);
        Assert.Equal("the CDEvent \"dev.cdevents.build.started.0.2.0\" is not authorised",
            Verify(ReceiverTypes.CDEvents, Call(body, ("Ce-Type", "dev.cdevents.build.started.0.2.0")), [type]).Message);
        Assert.Equal("unable to validate CDEvent event: subject.id is required",
            Verify(ReceiverTypes.CDEvents, Call(body.Replace("\"id\":\"pkg:oci/app\",", "", StringComparison.Ordinal))).Message);
        Assert.Equal("unable to validate CDEvent event: context.type is not a CDEvents type",
            Verify(ReceiverTypes.CDEvents, Call(body.Replace(type, "push", StringComparison.Ordinal))).Message);
    }

    [Fact]
    public void GcrIsRefusedClearlySinceGooglesKeysAreNotFetched() =>
        Assert.Equal(ReceiverVerifier.GcrRefusal, Verify(ReceiverTypes.Gcr, Call("{}", ("Authorization", "Bearer a.b.c"))).Message);

    [Fact]
    public void AnUnknownTypeIsRefused() =>
        Assert.Equal("receiver type \"svn\" not supported", Verify("svn", Call("{}")).Message);
}
