using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Bench;

/// <summary>
/// The cost to the API server of each request a node makes for one Kustomization on cold start, measured one kind at a
/// time: N of each, sent one after another by one client, so the CPU of this process over a phase (API server, client,
/// GC, the sandbox's controllers reacting) divided by N is the cost of one request of that kind. One watcher per Flux
/// kind is open, as the node's are, so watch fan-out is part of each write's cost.
/// </summary>
public static class RequestCosts
{
    private const string Namespace = "bench-ks";
    private const string Manager = "kustomize-controller";

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"== request costs, {count} of each, one client; load average {MachineLoad.Average()}");
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EventLogCapacity = 50_000 });
        using var client = server.CreateClient();
        using var watcher = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = Timeout.InfiniteTimeSpan };
        watcher.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sandbox");
        await CrdInstaller.InstallAsync(client, FluxKinds.All);
        var targets = Enumerable.Range(0, count).Select(i => $"bench-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        foreach (var ns in (string[])[Namespace, .. targets])
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        using var stop = new CancellationTokenSource();
        var watches = new[] { "kustomizations", "gitrepositories" }
            .Select(plural => DrainAsync(watcher, $"/apis/{(plural == "kustomizations" ? FluxGroups.Kustomize : FluxGroups.Source)}/v1/{plural}?watch=true&allowWatchBookmarks=true", stop.Token))
            .ToList();
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.GitRepository("app", "http://127.0.0.1:1/app", "1h"), FluxGroups.Source, "v1", Namespace, "gitrepositories");
        var manifests = BenchApp.Manifests(ns: null).Select(m => (m.Name, Json: YamlJson.ParseSingle(m.Yaml)!.AsObject())).ToList();

        // Warm-up: every kind once, into a namespace of its own, so JIT is not in the figures.
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "warm-up" } });
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.Kustomization("warm-up"), FluxGroups.Kustomize, "v1", Namespace, "kustomizations");
        await OneKustomizationAsync(client, manifests, "warm-up");

        var results = new List<string>();
        async Task PhaseAsync(string name, int perItem, Func<string, Task> action)
        {
            await QuietAsync(server);
            var before = ProcessSample.Take();
            var clock = Stopwatch.StartNew();
            foreach (var target in targets)
            {
                await action(target);
            }

            var wall = clock.Elapsed;
            await QuietAsync(server);
            var cpu = ProcessSample.Take().Cpu - before.Cpu;
            var requests = perItem * count;
            results.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} {requests,6} requests  CPU {cpu.TotalMilliseconds / requests,6:F2} ms each  wall {wall.TotalMilliseconds / requests,6:F2} ms each"));
            Console.WriteLine(results[^1]);
        }

        await PhaseAsync("POST Kustomization (the bench's create)", 1, ns =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.Kustomization(ns), FluxGroups.Kustomize, "v1", Namespace, "kustomizations"));
        await PhaseAsync("JSON patch finalizers on the Kustomization", 1, ns => FinalizerAsync(client, ns));
        await PhaseAsync("GET GitRepository", 1, _ =>
            client.CustomObjects.GetNamespacedCustomObjectAsync(FluxGroups.Source, "v1", Namespace, "gitrepositories", "app"));
        await PhaseAsync("GET object, 404", manifests.Count, async ns =>
        {
            foreach (var (name, _) in manifests)
            {
                await GetAbsentAsync(client, name, ns);
            }
        });
        await PhaseAsync("status patch 1 (Reconciling)", 1, ns => StatusAsync(client, ns, ready: false));
        await PhaseAsync("dry-run apply, object absent", manifests.Count, ns => ApplyAllAsync(client, manifests, ns, dryRun: true));
        await PhaseAsync("apply, create", manifests.Count, ns => ApplyAllAsync(client, manifests, ns, dryRun: false));
        await PhaseAsync("status patch 2 (Ready, inventory)", 1, ns => StatusAsync(client, ns, ready: true));
        await PhaseAsync("POST Event", 1, ns => EventAsync(client, ns));
        await PhaseAsync("dry-run apply, object unchanged (next run)", manifests.Count, ns => ApplyAllAsync(client, manifests, ns, dryRun: true));
        await PhaseAsync("GET object, present", manifests.Count, async ns =>
        {
            foreach (var (name, _) in manifests)
            {
                await GetAsync(client, name, ns);
            }
        });
        var lists = 0;
        await PhaseAsync($"LIST {count} Kustomizations (every 100th item)", 1, async _ =>
        {
            if (lists++ % 100 == 0)
            {
                await client.CustomObjects.ListNamespacedCustomObjectAsync(FluxGroups.Kustomize, "v1", Namespace, "kustomizations");
            }
        });
        await stop.CancelAsync();
        await Task.WhenAll(watches);
        Console.WriteLine($"load average {MachineLoad.Average()}");
    }

    private static async Task OneKustomizationAsync(IKubernetes client, IReadOnlyList<(string Name, JsonObject Json)> manifests, string ns)
    {
        await FinalizerAsync(client, ns);
        foreach (var (name, _) in manifests)
        {
            await GetAbsentAsync(client, name, ns);
        }

        await StatusAsync(client, ns, ready: false);
        await ApplyAllAsync(client, manifests, ns, dryRun: true);
        await ApplyAllAsync(client, manifests, ns, dryRun: false);
        await StatusAsync(client, ns, ready: true);
        await EventAsync(client, ns);
    }

    private static async Task ApplyAllAsync(IKubernetes client, IReadOnlyList<(string Name, JsonObject Json)> manifests, string ns, bool dryRun)
    {
        foreach (var (name, json) in manifests)
        {
            var manifest = json.DeepClone().AsObject();
            var metadata = manifest["metadata"]!.AsObject();
            metadata["namespace"] = ns;
            metadata["labels"] = new JsonObject
            {
                ["kustomize.toolkit.fluxcd.io/name"] = ns,
                ["kustomize.toolkit.fluxcd.io/namespace"] = Namespace,
            };
            var (group, version, plural) = BenchApp.Resource(name);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch),
                group, version, ns, plural, "bench", dryRun: dryRun ? "All" : null, fieldManager: Manager, force: true);
        }
    }

    private static async Task GetAbsentAsync(IKubernetes client, string name, string ns)
    {
        try
        {
            await GetAsync(client, name, ns);
            throw new InvalidOperationException($"{name} in {ns} exists before its apply");
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The node's GET of an object not yet applied.
        }
    }

    private static Task GetAsync(IKubernetes client, string name, string ns)
    {
        var (group, version, plural) = BenchApp.Resource(name);
        return client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, "bench");
    }

    private static Task FinalizerAsync(IKubernetes client, string name) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"add","path":"/metadata/finalizers","value":["finalizers.fluxcd.io"]}]""", V1Patch.PatchType.JsonPatch),
            FluxGroups.Kustomize, "v1", Namespace, "kustomizations", name);

    private static Task StatusAsync(IKubernetes client, string name, bool ready)
    {
        const string revision = "main@sha1:10baf9c51fd228639be92946d4233017552a240f";
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status,
            ["observedGeneration"] = 1,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };
        var status = ready
            ? new JsonObject
            {
                ["observedGeneration"] = 1,
                ["lastAppliedRevision"] = revision,
                ["lastAttemptedRevision"] = revision,
                ["conditions"] = new JsonArray(Condition("Ready", "True", "ReconciliationSucceeded", $"Applied revision: {revision}")),
                ["inventory"] = new JsonObject
                {
                    ["entries"] = new JsonArray(
                        new JsonObject { ["id"] = $"{name}_bench__ServiceAccount", ["v"] = "v1" },
                        new JsonObject { ["id"] = $"{name}_bench__Service", ["v"] = "v1" },
                        new JsonObject { ["id"] = $"{name}_bench_apps_Deployment", ["v"] = "v1" },
                        new JsonObject { ["id"] = $"{name}_bench_networking.k8s.io_Ingress", ["v"] = "v1" }),
                },
            }
            : new JsonObject
            {
                ["conditions"] = new JsonArray(
                    Condition("Reconciling", "True", "Progressing", $"Fetching manifests for revision {revision} with a timeout of 1h0m0s"),
                    Condition("Ready", "Unknown", "Progressing", "Reconciliation in progress")),
            };
        return client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            FluxGroups.Kustomize, "v1", Namespace, "kustomizations", name);
    }

    private static Task EventAsync(IKubernetes client, string name)
    {
        var now = DateTime.UtcNow;
        return client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{name}.{now.Ticks:x}", NamespaceProperty = Namespace },
            InvolvedObject = new V1ObjectReference { ApiVersion = FluxKinds.Kustomization.ApiVersion, Kind = "Kustomization", Name = name, NamespaceProperty = Namespace },
            Type = "Normal",
            Reason = "Progressing",
            Message = "ServiceAccount/bench/bench created\nService/bench/bench created\nDeployment/bench/bench created\nIngress/bench/bench created",
            Source = new V1EventSource { Component = Manager },
            ReportingComponent = Manager,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        }, Namespace);
    }

    /// <summary>Reads a watch stream to its end and throws the bytes away, as a node's watch would consume them.</summary>
    private static async Task DrainAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[64 * 1024];
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Waits until the sandbox's controllers have stopped writing (the resourceVersion is still for 200 ms).</summary>
    private static async Task QuietAsync(SandboxApiServer server)
    {
        var last = server.Store.ResourceVersion;
        for (var i = 0; i < 600; i++)
        {
            await Task.Delay(200);
            var now = server.Store.ResourceVersion;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

}
