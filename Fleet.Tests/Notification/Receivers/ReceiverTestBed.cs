using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Configuration;
using Fleet.Node.Http.Webhooks;
using Fleet.Tests.Support;
using Fleet.Tests.Kustomize;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>A node, its API server and a Git host, plus what a webhook test needs: Receivers, their Secrets, and calls to the node's webhook port.</summary>
public class ReceiverTestBed : KustomizationTestBed
{
    private static readonly HttpClient Http = new();

    /// <summary>What the node logged at Information and above, to show that no token or hook path is in it.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override Task<WebApplication> StartNodeAsync(NodeSettings settings) =>
        TestNodes.StartAsync(Tuned(settings with { MinimumLogLevel = LogLevel.Information }), Logs);

    protected virtual NodeSettings Tuned(NodeSettings settings) => settings;

    public Uri WebhookBase => new($"http://127.0.0.1:{NodeServices.GetRequiredService<WebhookListener>().Port}");

    public Task CreateTokenSecretAsync(string ns, string name, string token) =>
        Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(token) } }, ns);

    public Task CreateReceiverAsync(string ns, JsonObject receiver)
    {
        receiver["metadata"]!["namespace"] = ns;
        return Client.CustomObjects.CreateNamespacedCustomObjectAsync(receiver, FluxGroups.Notification, "v1", ns, "receivers");
    }

    public static JsonObject Receiver(string name, string type, string secret, JsonArray resources, JsonArray? events = null)
    {
        var spec = new JsonObject { ["type"] = type, ["secretRef"] = new JsonObject { ["name"] = secret }, ["resources"] = resources };
        if (events is not null)
        {
            spec["events"] = events;
        }
        return new JsonObject
        {
            ["apiVersion"] = FluxKinds.Receiver.ApiVersion,
            ["kind"] = FluxKinds.Receiver.Kind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        };
    }

    public static JsonObject GitRepositoryResource(string name) =>
        new() { ["apiVersion"] = FluxKinds.GitRepository.ApiVersion, ["kind"] = FluxKinds.GitRepository.Kind, ["name"] = name };

    /// <summary>Waits for the Receiver to be Ready and returns its webhook path.</summary>
    public async Task<string> ReadyPathAsync(string ns, string name)
    {
        var ready = await EventuallyAsync(FluxKinds.Receiver, ns, name, o => ReadyStatusOf(o) == "True", TimeSpan.FromSeconds(20));
        return ready["status"]!["webhookPath"]!.GetValue<string>();
    }

    /// <summary>Calls until the node's index knows the path (the watch delivers the Receiver's status a moment after it is written).</summary>
    public async Task<HttpStatusCode> CallOnceServedAsync(string path, Func<HttpRequestMessage> request)
    {
        var answer = HttpStatusCode.NotFound;
        await Eventually.True(
            async () => (answer = await CallAsync(request())) != HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(10),
            () => $"the node to serve the Receiver's path (last answer {answer})");
        return answer;
    }

    public async Task<HttpStatusCode> CallAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public HttpRequestMessage Post(string path, string body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebhookBase, path)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static string Sha256Signature(string token, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(body)));

    public async Task<string?> RequestedAtAsync(FluxKind kind, string ns, string name) =>
        (await ReadAsync(kind, ns, name))?["metadata"]?["annotations"]?[FluxAnnotations.ReconcileRequestedAt]?.GetValue<string>();

    public async Task<string?> ArtifactRevisionAsync(string ns, string name) =>
        (await ReadAsync(FluxKinds.GitRepository, ns, name))?["status"]?["artifact"]?["revision"]?.GetValue<string>();
}
