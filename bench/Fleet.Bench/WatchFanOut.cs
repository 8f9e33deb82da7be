using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Bench;

/// <summary>Latency from a write until every one of many raw HTTP watchers has read the event.</summary>
public static class WatchFanOut
{
    public static async Task<(double P50, double P99, double Max, int Received)> RunAsync(SandboxApiServer server, int watchers, int changes)
    {
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench-watch" } });
        await admin.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "hot" }, Data = new Dictionary<string, string> { ["n"] = "-1" } }, "bench-watch");
        var rv = (await admin.CoreV1.ReadNamespacedConfigMapAsync("hot", "bench-watch")).Metadata.ResourceVersion;

        var clock = Stopwatch.StartNew();
        var sent = new ConcurrentDictionary<string, double>();
        var latencies = new ConcurrentBag<double>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = watchers + 10 }) { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ready = new CountdownEvent(watchers);
        var readers = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            using var response = await http.GetAsync($"{server.Url}/api/v1/namespaces/bench-watch/configmaps?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            ready.Signal();
            var seen = 0;
            while (seen < changes && await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var now = clock.Elapsed.TotalMilliseconds;
                var value = JsonNode.Parse(line)!["object"]!["data"]!["n"]!.GetValue<string>();
                while (!sent.ContainsKey(value))
                {
                    await Task.Yield();
                }

                latencies.Add(now - sent[value]);
                seen++;
            }
        })).ToList();
        ready.Wait(stop.Token);

        for (var n = 0; n < changes; n++)
        {
            var value = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sent[value] = clock.Elapsed.TotalMilliseconds;
            await admin.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch($$$"""{"data":{"n":"{{{value}}}"}}""", V1Patch.PatchType.MergePatch), "hot", "bench-watch", cancellationToken: stop.Token);
            await Task.Delay(5, stop.Token);
        }

        await Task.WhenAll(readers);
        var sorted = latencies.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1], sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
