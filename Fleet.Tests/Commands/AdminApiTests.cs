using System.Net;
using System.Net.Http.Headers;
using Akka.Actor;
using Akka.Cluster;
using Fleet.Actors.Persistence;
using Fleet.Node.Admin;
using Fleet.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Tests.Commands;

/// <summary>
/// The admin API of a two-node cluster and the `fleet` admin verbs against it: tokens and scopes (401, 403), the
/// members as the nodes see them, a refused down of a live node, entity location and shard counts.
/// </summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-admin-");
    private readonly List<WebApplication> _nodes = [];
    private string WriteToken => Path.Combine(_temp.FullName, "write-token");
    private string ReadToken => Path.Combine(_temp.FullName, "read-token");
    private Uri _admin = null!;
    private string _second = "";

    public async Task InitializeAsync()
    {
        File.WriteAllText(WriteToken, "write-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(ReadToken, "read-" + Guid.NewGuid().ToString("N"));
        var first = await StartNodeAsync("one", []);
        var seed = $"127.0.0.1:{SystemOf(first).Provider.DefaultAddress.Port}";
        var second = await StartNodeAsync("two", [seed]);
        _second = $"127.0.0.1:{SystemOf(second).Provider.DefaultAddress.Port}";
        await Eventually.True(() => _nodes.All(n => Akka.Cluster.Cluster.Get(SystemOf(n)).State.Members.Count(m => m.Status == MemberStatus.Up) == 2), TimeSpan.FromSeconds(30), () => "both nodes Up");
        _admin = await first.Services.GetRequiredService<AdminServer>().Bound;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
        _temp.Delete(recursive: true);
    }

    [Fact]
    public async Task EveryCallNeedsATokenAndActionsNeedTheWriteToken()
    {
        using var http = new HttpClient { BaseAddress = _admin };

        using var none = await http.GetAsync("/admin/v1/cluster");
        using var wrong = await SendAsync(http, HttpMethod.Get, "/admin/v1/cluster", "not-the-token-at-all");
        using var read = await SendAsync(http, HttpMethod.Get, "/admin/v1/cluster", File.ReadAllText(ReadToken));
        using var readWrite = await SendAsync(http, HttpMethod.Post, "/admin/v1/cluster/leave", File.ReadAllText(ReadToken));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readWrite.StatusCode);

        var (exitCode, _, error) = await RunAsync(["nodes"], ReadToken.Replace("read-token", "missing", StringComparison.Ordinal));
        Assert.Equal(1, exitCode);
        Assert.StartsWith("✗ ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodesListsBothMembersWithTheLeaderAndTheAnsweringNode()
    {
        var (exitCode, output, _) = await RunAsync(["nodes"], ReadToken);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("ADDRESS", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.All(lines[1..], l => Assert.Contains("\tUp    \tTrue     \t", l, StringComparison.Ordinal));
        Assert.Single(lines[1..], l => l.Split('\t')[4].Trim() == "True");
        Assert.Single(lines[1..], l => l.Split('\t')[5].Trim() == "True");
    }

    [Fact]
    public async Task DownOfALiveNodeIsRefusedUnlessForcedAndAReadTokenMayNotTry()
    {
        var (readCode, _, readError) = await RunAsync(["cluster", "down", _second], ReadToken);
        var (exitCode, _, error) = await RunAsync(["cluster", "down", _second], WriteToken);

        Assert.Equal(1, readCode);
        Assert.Contains("403 Forbidden", readError, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
        Assert.Equal($"✗ akka.tcp://fleet@{_second} is reachable and running; down only unreachable nodes, make it leave, or pass force\n", error);
        Assert.Equal(2, Akka.Cluster.Cluster.Get(SystemOf(_nodes[0])).State.Members.Count(m => m.Status == MemberStatus.Up));
    }

    [Fact]
    public async Task WhereNamesTheHostingNodeAndShardsCountsItsEntity()
    {
        var (whereCode, where, _) = await RunAsync(["where", "ks", "apps", "-n", "team-a"], ReadToken);
        var (shardsCode, shards, _) = await RunAsync(["shards", "--entities"], ReadToken);
        var addresses = _nodes.Select(n => Akka.Cluster.Cluster.Get(SystemOf(n)).SelfAddress.ToString()).ToList();

        Assert.Equal((0, 0), (whereCode, shardsCode));
        Assert.StartsWith("Kustomization/team-a/apps\t", where, StringComparison.Ordinal);
        Assert.Contains(addresses, a => where.TrimEnd().Split('\t')[1] == a);
        Assert.StartsWith("KIND", shards, StringComparison.Ordinal);
        Assert.Contains(shards.Split('\n'), l => l.StartsWith("Kustomization", StringComparison.Ordinal) && l.TrimEnd().EndsWith('1'));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string tokenFile) =>
        FleetCli.RunAsync([.. args, "--node", _admin.ToString(), "--token-file", tokenFile]);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new StringContent("{\"address\":\"nowhere:1\"}", System.Text.Encoding.UTF8, "application/json") : null };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<WebApplication> StartNodeAsync(string name, IReadOnlyList<string> seeds)
    {
        var node = await TestNodes.StartAsync(TestNodes.Settings with
        {
            SeedNodes = seeds,
            Journal = JournalKind.Sqlite,
            DataDir = Path.Combine(_temp.FullName, name),
            Admin = new AdminSettings { Port = 0, TokenFile = WriteToken, ReadTokenFile = ReadToken },
        });
        _nodes.Add(node);
        return node;
    }

    private static ExtendedActorSystem SystemOf(WebApplication node) => (ExtendedActorSystem)node.Services.GetRequiredService<ActorSystem>();
}
