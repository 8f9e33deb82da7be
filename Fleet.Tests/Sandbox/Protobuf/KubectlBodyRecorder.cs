using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleet.Tests.Sandbox.Protobuf;

/// <summary>
/// A throw-away loopback HTTP/1.1 endpoint that serves just enough legacy discovery for kubectl and records the
/// bodies of the POSTs it receives, answering them with the object name echoed back as JSON.
/// </summary>
internal sealed class KubectlBodyRecorder : IAsyncDisposable
{
    private const string ApiVersions = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";
    private static readonly Dictionary<string, (string GroupVersion, (string Plural, string Kind, bool Namespaced)[] Resources)> Groups = new()
    {
        ["/api/v1"] = ("v1", [("namespaces", "Namespace", false), ("configmaps", "ConfigMap", true), ("secrets", "Secret", true), ("serviceaccounts", "ServiceAccount", true), ("services", "Service", true)]),
        ["/apis/apps/v1"] = ("apps/v1", [("deployments", "Deployment", true)]),
        ["/apis/batch/v1"] = ("batch/v1", [("jobs", "Job", true), ("cronjobs", "CronJob", true)]),
        ["/apis/rbac.authorization.k8s.io/v1"] = ("rbac.authorization.k8s.io/v1", [("roles", "Role", true), ("rolebindings", "RoleBinding", true), ("clusterroles", "ClusterRole", false), ("clusterrolebindings", "ClusterRoleBinding", false)]),
    };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public KubectlBodyRecorder()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<(string Path, string ContentType, byte[] Body)> Posts { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var stream = client.GetStream();
        try
        {
            for (var requests = 0; requests < 50; requests++)
            {
                var head = await ReadHeadAsync(stream, timeout.Token);
                if (head is null)
                {
                    return;
                }

                var lines = head.Split("\r\n");
                var requestLine = lines[0].Split(' ');
                var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                    .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                var length = headers.TryGetValue("content-length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, timeout.Token);
                var path = requestLine[1].Split('?')[0];
                var (status, json) = Answer(requestLine[0], path, headers.GetValueOrDefault("content-type", string.Empty), body);
                var payload = Encoding.UTF8.GetBytes(json);
                var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
                await stream.WriteAsync(payload, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or EndOfStreamException)
        {
        }
    }

    private (string Status, string Json) Answer(string method, string path, string contentType, byte[] body)
    {
        if (method == "POST")
        {
            lock (Posts)
            {
                Posts.Add((path, contentType, body));
            }

            var plural = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
            var (groupVersion, resources) = Groups.Values.First(g => g.Resources.Any(r => r.Plural == plural));
            var kind = resources.First(r => r.Plural == plural).Kind;
            var created = new JsonObject { ["apiVersion"] = groupVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "recorded" } };
            return ("201 Created", created.ToJsonString());
        }

        if (path == "/api")
        {
            return ("200 OK", ApiVersions);
        }

        if (path == "/apis")
        {
            var groups = new JsonArray();
            foreach (var (groupVersion, _) in Groups.Values.Where(g => g.GroupVersion.Contains('/', StringComparison.Ordinal)))
            {
                var version = new JsonObject { ["groupVersion"] = groupVersion, ["version"] = "v1" };
                groups.Add(new JsonObject { ["name"] = groupVersion.Split('/')[0], ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone() });
            }

            return ("200 OK", new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups }.ToJsonString());
        }

        if (Groups.TryGetValue(path, out var list))
        {
            var resources = new JsonArray();
            foreach (var (plural, kind, namespaced) in list.Resources)
            {
                resources.Add(new JsonObject { ["name"] = plural, ["singularName"] = kind.ToLowerInvariant(), ["namespaced"] = namespaced, ["kind"] = kind, ["verbs"] = new JsonArray("create", "get", "list") });
            }

            return ("200 OK", new JsonObject { ["kind"] = "APIResourceList", ["groupVersion"] = list.GroupVersion, ["resources"] = resources }.ToJsonString());
        }

        return ("404 Not Found", """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","code":404}""");
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken token)
    {
        var head = new List<byte>(1024);
        var one = new byte[1];
        while (head.Count < 65536)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString(head.ToArray(), 0, head.Count - 4);
            }
        }

        return null;
    }
}
