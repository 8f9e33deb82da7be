using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Bench;

/// <summary>
/// Flux's Kustomization benchmark on one cold node: one GitRepository, N Kustomizations (interval 1h, prune, no
/// health checks) of the same app directory, each into its own namespace by targetNamespace; time until all are
/// Ready at the repository's revision, the node's peak memory (a separate `fleet node` process), and the floor:
/// the same objects applied by plain server-side-apply requests to the same API server (see bench/README.md).
/// </summary>
public static class KustomizationScale
{
    private const string Namespace = "bench-ks";
    private const int Clients = 8;

    public static async Task RunAsync(IReadOnlyList<int> counts)
    {
        var temp = Directory.CreateTempSubdirectory("fleet-bench-ks-");
        try
        {
            var served = Directory.CreateDirectory(Path.Combine(temp.FullName, "served", "app")).FullName;
            await BenchApp.CreateRepositoryAsync(served);
            await using var git = await GitServerProcess.StartAsync(Path.Combine(temp.FullName, "served"));
            var results = new List<string>();
            foreach (var count in counts)
            {
                results.Add(await RunAsync(Directory.CreateDirectory(Path.Combine(temp.FullName, $"run-{count}")).FullName, count, $"{git.BaseUrl}/app"));
            }
            Console.WriteLine("summary:");
            results.ForEach(Console.WriteLine);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string temp, int count, string url)
    {
        Console.WriteLine($"== {count} Kustomizations; load average {MachineLoad.Average()}");
        using var requests = new ServerRequests();
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EventLogCapacity = 50_000 });
        var kubeconfig = Path.Combine(temp, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        var clients = Enumerable.Range(0, Clients).Select(_ => server.CreateClient()).ToList();
        try
        {
            var client = clients[0];
            await CrdInstaller.InstallAsync(client, FluxKinds.All);
            var targets = Names("bench", count);
            var floors = Names("floor", count);
            var loops = Names("loop", count);
            await ForEachAsync(clients, [Namespace, "floor-warm-up", .. targets, .. floors, .. loops],
                (c, ns) => c.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }));

            // The floor first, after one set applied to warm the API server's code paths up.
            await PlainApplyFloor.RunAsync(clients.Take(1).ToList(), ["floor-warm-up"]);
            var floorCpu = ProcessSample.Take().Cpu;
            var floorRequests = requests.Snapshot();
            var floor = await PlainApplyFloor.RunAsync(clients, floors);
            floorCpu = ProcessSample.Take().Cpu - floorCpu;
            Console.WriteLine($"floor: {4 * count} objects by plain server-side apply, {Clients} clients: {floor.TotalSeconds:F2} s ({4 * count / floor.TotalSeconds:F0} applies/s); " +
                              $"CPU {floorCpu.TotalSeconds:F1} s in this process (API server and clients); requests {requests.Since(floorRequests, count)}");
            // The issue's wording: one tight loop of requests, each waiting for the last.
            var loop = await PlainApplyFloor.RunAsync(clients.Take(1).ToList(), loops);
            Console.WriteLine($"floor, one loop: {4 * count} objects by plain server-side apply, one request at a time: {loop.TotalSeconds:F2} s ({4 * count / loop.TotalSeconds:F0} applies/s)");

            var dataDir = Directory.CreateDirectory(Path.Combine(temp, "node")).FullName;
            await using var node = NodeProcess.Start(kubeconfig, dataDir);
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.GitRepository("app", url, "1h"), FluxGroups.Source, "v1", Namespace, "gitrepositories");
            var revision = await SourceRevisionAsync(client, node);
            var nodeIdle = (Hwm: node.StatusBytes("VmHWM"), Rss: node.StatusBytes("VmRSS"), Cpu: node.TotalProcessorTime, Children: node.ChildrenProcessorTime);
            Console.WriteLine($"GitRepository Ready at {revision}; node so far: peak RSS {Mib(nodeIdle.Hwm)}, RSS {Mib(nodeIdle.Rss)}, CPU {nodeIdle.Cpu.TotalSeconds:F1} s");

            var writesBefore = await ServerWrites.ResourceVersionAsync(client, Namespace);
            var benchCpu = ProcessSample.Take().Cpu;
            var nodeThreads = ThreadCpu.Take(NodeProc(node));
            var runRequests = requests.Snapshot();
            var clock = Stopwatch.StartNew();
            await ForEachAsync(clients.Take(4).ToList(), targets,
                (c, ns) => c.CustomObjects.CreateNamespacedCustomObjectAsync(BenchObjects.Kustomization(ns), FluxGroups.Kustomize, "v1", Namespace, "kustomizations"));
            var created = clock.Elapsed;
            var progress = await AwaitReadyAsync(server.Url, writesBefore, count, revision, clock, node);
            var elapsed = clock.Elapsed;
            var writes = await ServerWrites.ResourceVersionAsync(client, Namespace) - writesBefore;
            var cpu = node.TotalProcessorTime - nodeIdle.Cpu;
            var children = node.ChildrenProcessorTime - nodeIdle.Children;
            var serverCpu = ProcessSample.Take().Cpu - benchCpu;
            var peak = node.StatusBytes("VmHWM");
            var threads = ThreadCpu.Take(NodeProc(node)).TopSince(nodeThreads, top: 8);
            Console.WriteLine($"fleet: {count} Kustomizations Ready at the revision {elapsed.TotalSeconds:F1} s after the first create (all created after {created.TotalSeconds:F1} s; {progress})");
            Console.WriteLine($"node: peak RSS (VmHWM) {Mib(peak)}, RSS now {Mib(node.StatusBytes("VmRSS"))}, CPU {cpu.TotalSeconds:F1} s during the run, its child processes (kustomize) {children.TotalSeconds:F1} s; " +
                              $"this process (API server, git front aside, polling) {serverCpu.TotalSeconds:F1} s; " +
                              $"{writes} API writes ({writes / (double)count:F1} per Kustomization); {node.Lines} log lines");
            Console.WriteLine($"API requests during the run (per Kustomization; the bench's own polling included): {requests.Since(runRequests, count)}");
            Console.WriteLine($"node threads by CPU during the run: {threads}");
            Console.WriteLine($"Events on the Kustomizations (one reconcile each gives one Progressing event with the change set): {await EventReasonsAsync(client)}");
            Console.WriteLine($"load average {MachineLoad.Average()}");
            return string.Create(CultureInfo.InvariantCulture,
                $"N={count}: fleet {elapsed.TotalSeconds:F1} s, floor {floor.TotalSeconds:F2} s ({Clients} clients; ratio {elapsed / floor:F1}x), one loop {loop.TotalSeconds:F2} s (ratio {elapsed / loop:F1}x), node peak RSS {Mib(peak)}, node CPU {cpu.TotalSeconds:F1} s + children {children.TotalSeconds:F1} s, API server CPU {serverCpu.TotalSeconds:F1} s, load average {MachineLoad.Average()}");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static string NodeProc(NodeProcess node) => $"/proc/{node.Id.ToString(CultureInfo.InvariantCulture)}";

    private static IReadOnlyList<string> Names(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}")];

    private static async Task ForEachAsync(IReadOnlyList<IKubernetes> clients, IReadOnlyList<string> items, Func<IKubernetes, string, Task> action)
    {
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                await action(client, items[i]);
            }
        }));
    }

    private static async Task<string> SourceRevisionAsync(IKubernetes client, NodeProcess node)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var repository = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(FluxGroups.Source, "v1", Namespace, "gitrepositories", "app");
            if (ObjectConditions.Find(repository, ConditionTypes.Ready)?.Status == "True" && repository["status"]?["artifact"]?["revision"]?.GetValue<string>() is { } revision)
            {
                return revision;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"the GitRepository was not Ready within 2 min; node output:\n{node.Tail()}");
    }

    /// <summary>
    /// Watches the Kustomizations from <paramref name="fromVersion"/> (before the first create) until every one is
    /// Ready=True with lastAppliedRevision at the source's revision. A watch sends each change once; a list a second
    /// would cost the API server, which shares the cores with the node, a serialisation of all 1,000 each time.
    /// </summary>
    private static async Task<string> AwaitReadyAsync(string serverUrl, long fromVersion, int count, string revision, Stopwatch clock, NodeProcess node)
    {
        var deadline = TimeSpan.FromMinutes(10);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        var (failing, half) = ("", TimeSpan.Zero);
        using var stop = new CancellationTokenSource(deadline - clock.Elapsed);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var url = $"{serverUrl}/apis/{FluxGroups.Kustomize}/v1/namespaces/{Namespace}/kustomizations?watch=true&resourceVersion={fromVersion.ToString(CultureInfo.InvariantCulture)}";
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var item = JsonNode.Parse(line)!["object"]!.AsObject();
                var name = item["metadata"]!["name"]!.GetValue<string>();
                var condition = ObjectConditions.Find(item, ConditionTypes.Ready);
                if (condition?.Status == "True" && item["status"]?["lastAppliedRevision"]?.GetValue<string>() == revision)
                {
                    ready.Add(name);
                }
                else
                {
                    ready.Remove(name);
                    if (condition?.Status == "False")
                    {
                        failing = $"{name}: {condition.Message}";
                    }
                }
                if (half == TimeSpan.Zero && ready.Count * 2 >= count)
                {
                    half = clock.Elapsed;
                }
                if (ready.Count == count)
                {
                    return $"half Ready after {half.TotalSeconds:F1} s";
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"only {ready.Count} of {count} Ready after {clock.Elapsed.TotalSeconds:F0} s; a failing one: {failing}; node output:\n{node.Tail()}");
    }

    /// <summary>Events in the Kustomizations' namespace by reason, with their counts summed: "reason ×n, ...".</summary>
    private static async Task<string> EventReasonsAsync(IKubernetes client)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(Namespace);
        return string.Join(", ", events.Items
            .Where(e => e.InvolvedObject.Kind == "Kustomization")
            .GroupBy(e => e.Reason)
            .Select(g => $"{g.Key} ×{g.Sum(e => Math.Max(1, e.Count ?? 1))}"));
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F0} MiB";
}
