using System.Net;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Notification.Receivers;
using Fleet.Messages.Api;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>
/// The seed's github Receiver (events ping and push) as users wrote it: a correctly signed push has its GitRepository
/// fetch the new commit at once; a ping, a wrongly signed push and an event the Receiver does not list get Flux's
/// answers and change nothing.
/// </summary>
public sealed class SeedReceiverTests(ReceiverTestBed bed) : IClassFixture<ReceiverTestBed>
{
    private const string FluxSystem = "flux-system";
    private const string Token = "seed-webhook-token-7f3a";
    private const string PushBody = """{"ref":"refs/heads/main","after":"0000000000000000000000000000000000000000"}""";

    [Fact]
    public async Task ASignedPushReconcilesTheGitRepositoryAndNothingElseDoes()
    {
        await bed.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = FluxSystem } });
        var repository = bed.CreateRepository("fleet-infra");
        await bed.CreateGitRepositoryAsync(FluxSystem, "fleet-infra", repository);
        await bed.CreateTokenSecretAsync(FluxSystem, "webhook-token", Token);
        var seed = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(RepositoryPaths.SeedExamples, "notifications.yaml")))
            .OfType<JsonObject>()
            .Single(d => d["kind"]?.GetValue<string>() == "Receiver");
        await bed.Client.CustomObjects.CreateNamespacedCustomObjectAsync(seed, FluxGroups.Notification, "v1", FluxSystem, "receivers");

        var path = await bed.ReadyPathAsync(FluxSystem, "github-receiver");
        Assert.Equal(WebhookPath.Of(Token, "github-receiver", FluxSystem), path);
        var first = $"main@sha1:{repository.Head()}";
        await bed.EventuallyAsync(FluxKinds.GitRepository, FluxSystem, "fleet-infra",
            o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == first, TimeSpan.FromSeconds(30));
        var pushed = $"main@sha1:{repository.Write("app.yaml", "replicas: 2\n").Commit("scale up")}";

        // A ping is answered 200 and reconciles nothing: it only checks that the hook works.
        Assert.Equal(HttpStatusCode.OK, await bed.CallOnceServedAsync(path, () => GitHub(path, "ping", """{"zen":"hi"}""", Token)));
        Assert.Equal(HttpStatusCode.BadRequest, await bed.CallAsync(GitHub(path, "push", PushBody, "not-the-token")));
        Assert.Equal(HttpStatusCode.BadRequest, await bed.CallAsync(GitHub(path, "issues", PushBody, Token)));
        Assert.Equal(HttpStatusCode.BadRequest, await bed.CallAsync(bed.Post(path, PushBody, headers: ("X-GitHub-Event", "push"))));
        Assert.Null(await bed.RequestedAtAsync(FluxKinds.GitRepository, FluxSystem, "fleet-infra"));
        Assert.Equal(first, await bed.ArtifactRevisionAsync(FluxSystem, "fleet-infra"));

        Assert.Equal(HttpStatusCode.OK, await bed.CallAsync(GitHub(path, "push", PushBody, Token)));
        Assert.NotNull(await bed.RequestedAtAsync(FluxKinds.GitRepository, FluxSystem, "fleet-infra"));
        await bed.EventuallyAsync(FluxKinds.GitRepository, FluxSystem, "fleet-infra",
            o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == pushed, TimeSpan.FromSeconds(15));
    }

    private HttpRequestMessage GitHub(string path, string @event, string body, string signingToken) =>
        bed.Post(path, body, headers: [("X-GitHub-Event", @event), ("X-Hub-Signature-256", ReceiverTestBed.Sha256Signature(signingToken, body))]);
}
