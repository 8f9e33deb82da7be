using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Tests.Sandbox.Protobuf;

/// <summary>
/// A throw-away loopback HTTP/1.1 endpoint that serves just enough legacy discovery for kubectl and records the
/// bodies of the POSTs it receives, answering them with the object name echoed back as JSON.
/// </summary>
internal sealed class KubectlBodyRecorder : IAsyncDisposable
{
    private const string ApiVersions = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";
    private const string ApiGroups = """{"kind":"APIGroupList","apiVersion":"v1","groups":[]}""";
    private const string CoreResources = """{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","get","list"],"shortNames":["ns"]},{"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","get","list"],"shortNames":["cm"]},{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","get","list"]}]}""";

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

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var kind = segments[^1] switch { "namespaces" => "Namespace", "configmaps" => "ConfigMap", _ => "Secret" };
            return ("201 Created", "{\"apiVersion\":\"v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"recorded\"}}");
        }

        return path switch
        {
            "/api" => ("200 OK", ApiVersions),
            "/apis" => ("200 OK", ApiGroups),
            "/api/v1" => ("200 OK", CoreResources),
            _ => ("404 Not Found", """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","code":404}"""),
        };
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
