using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Notification.Receivers;
using Fleet.Actors.Notification.Receivers.Verification;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>
/// Receivers end to end on a node: each common type's verified call has its GitRepository fetch a new commit at once,
/// `*` with matchLabels picks the labelled objects only, and bad calls get Flux's status codes, trigger nothing and
/// leave no token or hook path in the node's log.
/// </summary>
public sealed class ReceiverWebhookTests(ReceiverTestBed bed) : IClassFixture<ReceiverTestBed>
{
    private const string Token = "e2e-token-5b1c9d";
    private const string Body = """{"ref":"refs/heads/main"}""";

    [Theory]
    [InlineData(ReceiverTypes.Generic)]
    [InlineData(ReceiverTypes.GenericHmac)]
    [InlineData(ReceiverTypes.GitHub)]
    [InlineData(ReceiverTypes.GitLab)]
    public async Task AVerifiedCallFetchesTheNewCommitAndAWrongOneDoesNot(string type)
    {
        var ns = await bed.CreateNamespaceAsync("rcv");
        var repository = bed.CreateRepository("app");
        await bed.CreateGitRepositoryAsync(ns, "app", repository);
        await bed.CreateTokenSecretAsync(ns, "token", Token);
        await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver("hook", type, "token", [ReceiverTestBed.GitRepositoryResource("app")]));
        var path = await bed.ReadyPathAsync(ns, "hook");
        var first = $"main@sha1:{repository.Head()}";
        await bed.EventuallyAsync(FluxKinds.GitRepository, ns, "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == first, TimeSpan.FromSeconds(30));
        var pushed = $"main@sha1:{repository.Write("app.yaml", "replicas: 3\n").Commit("scale")}";

        if (type != ReceiverTypes.Generic)
        {
            Assert.Equal(HttpStatusCode.BadRequest, await bed.CallOnceServedAsync(path, () => Signed(type, path, "wrong-token")));
            Assert.Null(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "app"));
        }
        Assert.Equal(HttpStatusCode.OK, await bed.CallOnceServedAsync(path, () => Signed(type, path, Token)));
        Assert.NotNull(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "app"));
        await bed.EventuallyAsync(FluxKinds.GitRepository, ns, "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == pushed, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(path, bed.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(path[WebhookPath.Prefix.Length..], bed.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, bed.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWildcardWithMatchLabelsAnnotatesOnlyTheLabelledObjects()
    {
        var ns = await bed.CreateNamespaceAsync("rcv-labels");
        var repository = bed.CreateRepository("labels");
        await bed.CreateGitRepositoryAsync(ns, "labelled", repository);
        await bed.CreateGitRepositoryAsync(ns, "other", repository);
        await bed.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"a"}}}""", V1Patch.PatchType.MergePatch), FluxGroups.Source, "v1", ns, "gitrepositories", "labelled");
        await bed.CreateTokenSecretAsync(ns, "token", Token);
        var wildcard = new JsonObject { ["kind"] = "GitRepository", ["name"] = "*", ["matchLabels"] = new JsonObject { ["team"] = "a" } };
        await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver("hook", ReceiverTypes.Generic, "token", [wildcard]));
        var path = await bed.ReadyPathAsync(ns, "hook");

        Assert.Equal(HttpStatusCode.OK, await bed.CallOnceServedAsync(path, () => bed.Post(path, Body)));
        Assert.NotNull(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "labelled"));
        Assert.Null(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "other"));
    }

    [Fact]
    public async Task BadCallsGetFluxsAnswers()
    {
        var ns = await bed.CreateNamespaceAsync("rcv-bad");
        await bed.CreateGitRepositoryAsync(ns, "app", bed.CreateRepository("bad"));
        await bed.CreateTokenSecretAsync(ns, "token", Token);
        await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver("hook", ReceiverTypes.Quay, "token", [ReceiverTestBed.GitRepositoryResource("app")]));
        var path = await bed.ReadyPathAsync(ns, "hook");
        Assert.Equal(HttpStatusCode.BadRequest, await bed.CallOnceServedAsync(path, () => bed.Post(path, "{not json")));

        Assert.Equal(HttpStatusCode.NotFound, await bed.CallAsync(bed.Post(WebhookPath.Of("guess", "hook", ns), Body)));
        Assert.Equal(HttpStatusCode.NotFound, await bed.CallAsync(bed.Post(path + "?x=1", Body)));
        Assert.Equal(HttpStatusCode.NotFound, await bed.CallAsync(bed.Post("/healthz", Body)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await bed.CallAsync(bed.Post(path, new string(' ', 3 * 1024 * 1024 + 1))));
        Assert.Equal(HttpStatusCode.BadRequest, await bed.CallAsync(bed.Post(path, """{"updated_tags":"latest"}""")));
        Assert.Null(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "app"));

        await bed.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"suspend":true}}""", V1Patch.PatchType.MergePatch), FluxGroups.Notification, "v1", ns, "receivers", "hook");
        // Suspension is checked before the payload, so a refused payload tells when the node has seen it.
        await Eventually.True(
            async () => await bed.CallAsync(bed.Post(path, "{not json")) == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(10),
            () => "a suspended Receiver to answer 503");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await bed.CallAsync(bed.Post(path, """{"updated_tags":["1.0"]}""")));
        Assert.Null(await bed.RequestedAtAsync(FluxKinds.GitRepository, ns, "app"));
    }

    [Fact]
    public async Task AMissingTokenOrAnUnverifiableTypeIsReportedInStatus()
    {
        var ns = await bed.CreateNamespaceAsync("rcv-status");
        await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver("no-secret", ReceiverTypes.Generic, "absent", [ReceiverTestBed.GitRepositoryResource("app")]));
        await bed.CreateTokenSecretAsync(ns, "token", Token);
        await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver("gcr", ReceiverTypes.Gcr, "token", [ReceiverTestBed.GitRepositoryResource("app")]));

        var missing = await bed.EventuallyAsync(FluxKinds.Receiver, ns, "no-secret", o => ReceiverTestBed.ReadyStatusOf(o) == "False", TimeSpan.FromSeconds(20));
        var ready = ObjectConditions.Find(missing, ConditionTypes.Ready)!;
        Assert.Equal(ReceiverReasons.TokenNotFound, ready.Reason);
        Assert.Equal($"unable to read token from secret '{ns}/absent' error: secrets \"absent\" not found", ready.Message);
        Assert.Null(missing["status"]?["webhookPath"]);

        var gcr = await bed.EventuallyAsync(FluxKinds.Receiver, ns, "gcr", o => ObjectConditions.Find(o, ConditionTypes.Stalled)?.Status == "True", TimeSpan.FromSeconds(20));
        Assert.Equal($"{ReceiverReasons.TerminalPrefix}: {ReceiverVerifier.GcrRefusal}", ObjectConditions.Find(gcr, ConditionTypes.Ready)!.Message);
        Assert.Null(gcr["status"]?["webhookPath"]);
    }

    [Fact]
    public async Task AFloodIsAnsweredTooManyRequests()
    {
        var path = WebhookPath.Of("flood", "hook", "nowhere");
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 10 && !answers.Contains(HttpStatusCode.TooManyRequests); round++)
        {
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => bed.CallAsync(bed.Post(path, Body)))));
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests, a.ToString()));
    }

    private HttpRequestMessage Signed(string type, string path, string token) => type switch
    {
        ReceiverTypes.GenericHmac => bed.Post(path, Body, headers: ("X-Signature", ReceiverTestBed.Sha256Signature(token, Body))),
        ReceiverTypes.GitHub => bed.Post(path, Body, headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", ReceiverTestBed.Sha256Signature(token, Body))]),
        ReceiverTypes.GitLab => bed.Post(path, Body, headers: [("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", token)]),
        _ => bed.Post(path, Body),
    };
}
