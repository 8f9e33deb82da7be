using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Http.Webhooks;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Bench;

/// <summary>
/// Issue 12's receiver benchmark: N Kustomizations of one GitRepository on one node, a github Receiver on the
/// GitRepository; per trial a commit is pushed and the receiver called with a signed push, and the time runs from the
/// call until the first Kustomization reports the new commit as its lastAppliedRevision (see bench/README.md).
/// </summary>
public static class WebhookLatency
{
    private const string Namespace = "bench-hook";
    private const string Token = "bench-webhook-token";

    public static async Task RunAsync(int count, int trials)
    {
        Console.WriteLine($"== {count} Kustomizations, {trials} trials; load average {MachineLoad.Average()}");
        var temp = Directory.CreateTempSubdirectory("fleet-bench-hook-");
        try
        {
            var served = Directory.CreateDirectory(Path.Combine(temp.FullName, "served", "app")).FullName;
            await BenchApp.CreateRepositoryAsync(served);
            await using var git = await GitServerProcess.StartAsync(Path.Combine(temp.FullName, "served"));
            await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EventLogCapacity = 50_000 });
            var kubeconfig = Path.Combine(temp.FullName, "kubeconfig");
            server.WriteKubeconfig(kubeconfig);
            using var client = server.CreateClient();
            await CrdInstaller.InstallAsync(client, FluxKinds.All);
            var targets = Enumerable.Range(0, count).Select(i => $"hook-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
            foreach (var ns in targets.Prepend(Namespace))
            {
                await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            }
            await using var node = await GitRepositoryScale.StartNodeAsync(Directory.CreateDirectory(Path.Combine(temp.FullName, "node")).FullName, kubeconfig);
            var hooks = new Uri($"http://127.0.0.1:{node.Services.GetRequiredService<WebhookListener>().Port.ToString(CultureInfo.InvariantCulture)}");
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.GitRepository("app", $"{git.BaseUrl}/app", "1h"), FluxGroups.Source, "v1", Namespace, "gitrepositories");
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "webhook-token" }, Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Token) } }, Namespace);
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(Receiver(), FluxGroups.Notification, "v1", Namespace, "receivers");
            foreach (var target in targets)
            {
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.Kustomization(target), FluxGroups.Kustomize, "v1", Namespace, "kustomizations");
            }
            var clock = Stopwatch.StartNew();
            var revision = await UntilAsync(() => AllAppliedAsync(client, count), TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(500));
            Console.WriteLine($"all {count} Ready at {revision} after {clock.Elapsed.TotalSeconds:F1} s");
            var path = await UntilAsync(async () => (await ReadAsync(client, FluxKinds.Receiver, "github-receiver"))?["status"]?["webhookPath"]?.GetValue<string>(),
                TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100));
            using var http = new HttpClient { BaseAddress = hooks };
            await UntilAsync(async () => await CallAsync(http, path, "ping") == System.Net.HttpStatusCode.OK ? "" : null, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100));

            var latencies = new List<double>();
            for (var trial = 0; trial < trials; trial++)
            {
                File.AppendAllText(Path.Combine(served, BenchApp.Path, "kustomization.yaml"), $"# trial {trial.ToString(CultureInfo.InvariantCulture)}\n");
                await ServedRepositories.GitAsync(served, "commit", "-q", "-am", $"trial {trial.ToString(CultureInfo.InvariantCulture)}");
                var pushed = "main@sha1:" + new LibGit2Sharp.Repository(served).Head.Tip.Sha;
                var call = Stopwatch.StartNew();
                var answer = await CallAsync(http, path, "push");
                if (answer != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"the receiver answered {answer}");
                }
                await UntilAsync(async () => (await ReadAsync(client, FluxKinds.Kustomization, targets[0]))?["status"]?["lastAppliedRevision"]?.GetValue<string>() == pushed ? "" : null,
                    TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(20));
                latencies.Add(call.Elapsed.TotalMilliseconds);
                Console.WriteLine($"trial {trial}: {call.Elapsed.TotalMilliseconds:F0} ms");
            }
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N={count}, {trials} trials: webhook call to lastAppliedRevision p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms; load average {MachineLoad.Average()}"));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<System.Net.HttpStatusCode> CallAsync(HttpClient http, string path, string @event)
    {
        const string body = """{"ref":"refs/heads/main"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(body))));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static JsonObject Receiver() => new()
    {
        ["apiVersion"] = FluxKinds.Receiver.ApiVersion,
        ["kind"] = FluxKinds.Receiver.Kind,
        ["metadata"] = new JsonObject { ["name"] = "github-receiver" },
        ["spec"] = new JsonObject
        {
            ["type"] = "github",
            ["events"] = new JsonArray("ping", "push"),
            ["secretRef"] = new JsonObject { ["name"] = "webhook-token" },
            ["resources"] = new JsonArray(new JsonObject { ["apiVersion"] = FluxKinds.GitRepository.ApiVersion, ["kind"] = "GitRepository", ["name"] = "app" }),
        },
    };

    /// <summary>The revision every Kustomization applied, once all are Ready at the same one.</summary>
    private static async Task<string?> AllAppliedAsync(IKubernetes client, int count)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(FluxGroups.Kustomize, "v1", Namespace, "kustomizations");
        var applied = (list["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(k => ObjectConditions.Find(k, ConditionTypes.Ready)?.Status == "True")
            .Select(k => k["status"]?["lastAppliedRevision"]?.GetValue<string>())
            .ToList();
        return applied.Count == count && applied.Distinct().Count() == 1 ? applied[0] : null;
    }

    private static async Task<JsonObject?> ReadAsync(IKubernetes client, FluxKind kind, string name) =>
        await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(kind.Group, kind.Version, Namespace, kind.Plural, name);

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, TimeSpan every)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(every);
        }
        throw new TimeoutException($"not reached within {timeout.TotalSeconds:F0} s");
    }
}
