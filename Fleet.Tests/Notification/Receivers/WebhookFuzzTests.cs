using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Notification;
using Fleet.Node.Configuration;
using Fleet.Tests.Support;

namespace Fleet.Tests.Notification.Receivers;

/// <summary>A node whose webhook rate limit is out of the way, so that every fuzzed call reaches the handler.</summary>
public sealed class FuzzReceiverTestBed : ReceiverTestBed
{
    protected override NodeSettings Tuned(NodeSettings settings) => settings with { WebhookBurst = 1_000_000, WebhookCallsPerSecond = 1_000_000 };
}

/// <summary>
/// Thousands of random and mutated calls (paths, methods, headers, bodies, and raw bytes on the socket) against the
/// Receivers of a running node: none is answered 5xx, the node stays up, and a verified call still reconciles afterwards.
/// </summary>
public sealed class WebhookFuzzTests(FuzzReceiverTestBed bed) : IClassFixture<FuzzReceiverTestBed>
{
    private const string Token = "fuzz-token-31d7";
    private const int HttpCalls = 2000;
    private const int RawCalls = 200;
    private const string Push = """{"ref":"refs/heads/main","after":"1111111111111111111111111111111111111111","repository":{"full_name":"a/b"}}""";

    private static readonly string[] Types =
        [ReceiverTypes.Generic, ReceiverTypes.GenericHmac, ReceiverTypes.GitHub, ReceiverTypes.GitLab, ReceiverTypes.Bitbucket, ReceiverTypes.Harbor,
         ReceiverTypes.DockerHub, ReceiverTypes.Quay, ReceiverTypes.Nexus, ReceiverTypes.Acr, ReceiverTypes.CDEvents];

    private static readonly string[] HeaderNames =
        ["Content-Type", "X-Hub-Signature-256", "X-Hub-Signature", "X-GitHub-Event", "X-Gitlab-Token", "X-Gitlab-Event", "X-Signature",
         "X-Event-Key", "Authorization", "X-Nexus-Webhook-Signature", "Ce-Type", "Content-Encoding", "Transfer-Encoding", "Expect"];

    [Fact]
    public async Task RandomAndMutatedCallsNeverGetA5xxAndTheNodeStillReconciles()
    {
        var ns = await bed.CreateNamespaceAsync("fuzz");
        var repository = bed.CreateRepository("fuzz");
        await bed.CreateGitRepositoryAsync(ns, "app", repository);
        await bed.CreateTokenSecretAsync(ns, "token", Token);
        foreach (var type in Types)
        {
            await bed.CreateReceiverAsync(ns, ReceiverTestBed.Receiver(type, type, "token", [ReceiverTestBed.GitRepositoryResource("app")], ["push"]));
        }
        var paths = new List<string>();
        foreach (var type in Types)
        {
            paths.Add(await bed.ReadyPathAsync(ns, type));
        }
        await bed.CallOnceServedAsync(paths[^1], () => bed.Post(paths[^1], "{"));

        var random = new Random(20261208);
        var calls = Enumerable.Range(0, HttpCalls).Select(_ => NextCall(random, paths)).ToList();
        var raw = Enumerable.Range(0, RawCalls).Select(_ => NextRawRequest(random, paths)).ToList();
        var answers = new List<int>();
        using var gate = new SemaphoreSlim(8);
        var sent = calls.Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                return (int)await bed.CallAsync(call);
            }
            finally
            {
                gate.Release();
            }
        }).Concat(raw.Select(async request =>
        {
            await gate.WaitAsync();
            try
            {
                return await SendRawAsync(bed.WebhookBase.Port, request);
            }
            finally
            {
                gate.Release();
            }
        }));
        answers.AddRange(await Task.WhenAll(sent));

        var failures = answers.Where(code => code >= 500).GroupBy(code => code).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(failures.Count == 0, $"5xx answers: {string.Join(", ", failures)}");
        Assert.Contains(answers, code => code == 400);
        Assert.Contains(answers, code => code == 404);

        var pushed = $"main@sha1:{repository.Write("after-fuzz.yaml", "ok: true\n").Commit("after fuzz")}";
        var github = paths[Array.IndexOf(Types, ReceiverTypes.GitHub)];
        Assert.Equal(HttpStatusCode.OK, await bed.CallAsync(bed.Post(github, Push, headers: [("X-GitHub-Event", "push"), ("X-Hub-Signature-256", ReceiverTestBed.Sha256Signature(Token, Push))])));
        await bed.EventuallyAsync(FluxKinds.GitRepository, ns, "app", o => o["status"]?["artifact"]?["revision"]?.GetValue<string>() == pushed, TimeSpan.FromSeconds(30));
    }

    private HttpRequestMessage NextCall(Random random, IReadOnlyList<string> paths)
    {
        var method = random.Next(10) switch { 0 => HttpMethod.Get, 1 => HttpMethod.Put, 2 => HttpMethod.Delete, 3 => HttpMethod.Patch, _ => HttpMethod.Post };
        var path = random.Next(10) switch
        {
            0 => "/hook/" + Convert.ToHexStringLower(RandomBytes(random, 32)),
            1 => "/" + Uri.EscapeDataString(Encoding.Latin1.GetString(RandomBytes(random, random.Next(1, 40)))),
            2 => Mutate(random, paths[random.Next(paths.Count)]),
            3 => random.Next(3) switch { 0 => "/hook", 1 => "/hook/", _ => "/hook/../healthz" },
            _ => paths[random.Next(paths.Count)],
        };
        var body = random.Next(4) switch
        {
            0 => RandomBytes(random, random.Next(0, 4096)),
            1 => Encoding.UTF8.GetBytes(Mutate(random, Push)),
            2 => Encoding.UTF8.GetBytes(JsonSample(random)),
            _ => Encoding.UTF8.GetBytes(Push),
        };
        var request = new HttpRequestMessage(method, new Uri(bed.WebhookBase, path)) { Content = new ByteArrayContent(body) };
        if (random.Next(3) > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", random.Next(4) switch
            {
                0 => "application/x-www-form-urlencoded",
                1 => PrintableText(random, random.Next(0, 30)),
                _ => "application/json",
            });
        }
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            var name = HeaderNames[random.Next(HeaderNames.Length)];
            var value = random.Next(3) switch
            {
                0 => "sha256=" + Convert.ToHexStringLower(RandomBytes(random, 32)),
                1 => random.Next(2) == 0 ? "push" : Token,
                _ => PrintableText(random, random.Next(0, 80)),
            };
            if (name is not ("Content-Type" or "Content-Encoding" or "Transfer-Encoding"))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    /// <summary>A request as bytes on the socket: a valid request line and headers with a random part, or plain garbage.</summary>
    private static byte[] NextRawRequest(Random random, IReadOnlyList<string> paths)
    {
        if (random.Next(3) == 0)
        {
            return [.. RandomBytes(random, random.Next(1, 512)), .. "\r\n\r\n"u8.ToArray()];
        }
        var body = Encoding.UTF8.GetBytes(Mutate(random, Push));
        var length = random.Next(3) == 0 ? random.Next(0, body.Length * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : PrintableText(random, 5);
        var head = $"POST {Mutate(random, paths[random.Next(paths.Count)])} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n{PrintableText(random, 20)}: {PrintableText(random, 20)}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.Latin1.GetBytes(head), .. body];
    }

    /// <summary>The status code of the answer, or 0 when the server closed the connection without one (what Kestrel does to some garbage).</summary>
    private static async Task<int> SendRawAsync(int port, byte[] request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            return 0;
        }
        var buffer = new byte[64];
        var read = 0;
        try
        {
            while (read < 12 && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is > 0 and var n)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            return 0;
        }
        var statusLine = Encoding.Latin1.GetString(buffer, 0, read);
        return statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(statusLine.AsSpan(9, 3), out var code) ? code : 0;
    }

    private static string Mutate(Random random, string text)
    {
        var chars = text.ToCharArray().ToList();
        for (var i = random.Next(1, 6); i > 0 && chars.Count > 0; i--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, (char)random.Next(33, 127));
                    break;
                default:
                    chars[at] = (char)random.Next(33, 127);
                    break;
            }
        }
        return new string([.. chars]);
    }

    private static string JsonSample(Random random) => random.Next(5) switch
    {
        0 => new JsonObject { ["updated_tags"] = random.Next(2) == 0 ? "x" : new JsonArray("1.0") }.ToJsonString(),
        1 => new JsonObject { ["context"] = new JsonObject { ["type"] = "dev.cdevents.build.started.0.2.0" }, ["subject"] = new JsonObject() }.ToJsonString(),
        2 => new string('[', random.Next(1, 2000)),
        3 => "null",
        _ => new JsonObject { ["push_data"] = new JsonObject { ["tag"] = random.Next() } }.ToJsonString(),
    };

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string PrintableText(Random random, int count) =>
        new([.. Enumerable.Range(0, count).Select(_ => (char)random.Next(33, 127))]);
}
