using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Notification;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Notification;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using static Fleet.Tests.Notification.NotificationSamples;

namespace Fleet.Tests.Notification;

/// <summary>A running node's Flux-format event endpoint: Flux's controllers post an event, the node routes it to the matching Alerts.</summary>
public sealed class EventEndpointTests : IAsyncLifetime
{
    private readonly NotificationObjects _objects = new();
    private readonly ProviderSender _sender = new();
    private readonly HttpClient _http = new();
    private HttpSink _sink = null!;
    private WebApplication _node = null!;

    public async Task InitializeAsync()
    {
        _sink = await HttpSink.StartAsync();
        var dispatcher = new AlertDispatcher(_objects, new AlertDispatchSettings(), ProviderSecrets.None, _sender, NullLogger.Instance);
        _node = await TestNodes.StartAsync(TestNodes.Settings, new EntityRuntimeSettings { Alerts = dispatcher });
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        await _node.DisposeAsync();
        _sender.Dispose();
        _http.Dispose();
        await _sink.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _http.PostAsync(_node.Urls.First().TrimEnd('/') + "/", new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task APostedFluxEventReachesTheMatchingProviderAndADuplicateIsRefused()
    {
        _objects.Put(Provider("hook", ProviderTypes.Generic, _sink.Url + "/hook"));
        _objects.Put(Alert("all", "hook"));
        var posted = """
            {"involvedObject":{"kind":"Kustomization","namespace":"flux-system","name":"podinfo","uid":"u-1","apiVersion":"kustomize.toolkit.fluxcd.io/v1"},
             "severity":"error","timestamp":"2026-12-08T03:20:49Z","message":"Health check failed","reason":"HealthCheckFailed",
             "metadata":{"kustomize.toolkit.fluxcd.io/revision":"main@sha1:0123456789abcdef0123456789abcdef01234567","kustomize.toolkit.fluxcd.io/token":"t","other/x":"y"},
             "reportingController":"kustomize-controller","reportingInstance":"kustomize-controller-7d9f"}
            """;

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(posted)).StatusCode);
        await Eventually.True(() => _sink.Requests.Count == 1, TimeSpan.FromSeconds(10), () => "the posted event delivered");
        Assert.Equal((HttpStatusCode)429, (await PostAsync(posted)).StatusCode);

        var forwarded = JsonNode.Parse(Assert.Single(_sink.Requests).Body)!;
        Assert.Equal("Health check failed", (string?)forwarded["message"]);
        Assert.Equal("kustomize-controller-7d9f", (string?)forwarded["reportingInstance"]);
        Assert.Equal(
            new JsonObject { ["revision"] = "main@sha1:0123456789abcdef0123456789abcdef01234567" }.ToJsonString(),
            forwarded["metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task MalformedOrOversizedBodiesAreRefused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("{not json")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(new string(' ', PostedEvents.MaxBodyBytes + 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("""{"involvedObject":{"kind":"GitRepository","namespace":"x","name":"y"},"message":"m"}""")).StatusCode);
        Assert.Empty(_sink.Requests);
    }
}
