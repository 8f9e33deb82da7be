using Fleet.Actors.Sources.Artifacts;
using Fleet.Node.Http.Webhooks;
using Fleet.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Tests.Node;

/// <summary>`--http-port 0`: Kestrel picks the port when it binds, and artifact URLs name that port, not the webhook port beside it.</summary>
public sealed class HttpPortTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-httpport-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task Artifact_URLs_name_the_port_Kestrel_bound_on_loopback()
    {
        var node = await TestNodes.StartAsync(TestNodes.Settings with { DataDir = _temp.FullName });
        try
        {
            var webhooks = node.Services.GetRequiredService<WebhookListener>().Port;
            var bound = new Uri(Assert.Single(node.Urls, url => new Uri(url).Port != webhooks));
            Assert.Equal("127.0.0.1", bound.Host);
            Assert.NotEqual(0, bound.Port);
            var baseUrl = await node.Services.GetRequiredService<ArtifactStore>().BaseUrlAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal($"http://127.0.0.1:{bound.Port}", baseUrl);
            using var http = new HttpClient();
            using var health = await http.GetAsync($"{baseUrl}/healthz");
            Assert.True(health.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode.ToString());
        }
        finally
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }
}
