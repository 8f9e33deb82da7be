using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Sharding;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Configuration;
using Fleet.Node.Hosting;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Bench;

/// <summary>
/// Many GitRepositories (interval 1m) on one cold node with SQLite, pointed at an in-process sandbox API server,
/// over a few small repositories served by `git http-backend` in a child process: time until all are Ready with an
/// artifact, then the heap and CPU each costs while idle. The API server's share is measured apart (see bench/README.md).
/// </summary>
public static class GitRepositoryScale
{
    private const string Namespace = "bench-git";

    public static async Task RunAsync(int objects, int repositories, TimeSpan idle)
    {
        var temp = Directory.CreateTempSubdirectory("fleet-bench-git-");
        try
        {
            await RunAsync(temp.FullName, objects, repositories, idle);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string temp, int objects, int repositories, TimeSpan idle)
    {
        var served = await ServedRepositories.CreateAsync(Directory.CreateDirectory(Path.Combine(temp, "served")).FullName, repositories);
        await using var git = await GitServerProcess.StartAsync(Path.Combine(temp, "served"));
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EventLogCapacity = 10_000 });
        var kubeconfig = Path.Combine(temp, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        using var client = server.CreateClient();
        await CrdInstaller.InstallAsync(client, FluxKinds.All);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        Console.WriteLine($"{objects} GitRepositories over {repositories} repositories at {git.BaseUrl}; load average {MachineLoad.Average()}");

        var serverAlone = ProcessSample.LiveHeap();
        var (serverAloneCpu, _) = await CpuOverAsync(Window);
        var node = await StartNodeAsync(Path.Combine(temp, "node"), kubeconfig);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var emptyNode = ProcessSample.LiveHeap();
        var (baselineCpu, baselineThreads) = await CpuOverAsync(Window);
        Console.WriteLine($"baseline: heap {Mib(serverAlone)} API server alone, {Mib(emptyNode)} with an empty node; " +
                          $"CPU {serverAloneCpu:F0} ms/min API server alone, {baselineCpu:F0} ms/min with an empty node ({baselineThreads})");

        var cold = await CreateAndAwaitReadyAsync(client, objects, served, git);
        Console.WriteLine($"cold: {objects} Ready with an artifact {cold.Elapsed.TotalSeconds:F1} s after the first create (all created after {cold.Created.TotalSeconds:F1} s); " +
                          $"CPU {cold.Cpu.TotalSeconds:F1} s in this process, {cold.GitCpu.TotalSeconds:F1} s in the git server's front");

        // Let the last status writes, Events and journal writes finish; the next reconciles are a minute away.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idleHeap = ProcessSample.LiveHeap();
        var idleGcHeap = ProcessSample.GcHeapSize();
        var writesBefore = await ServerWrites.ResourceVersionAsync(client, Namespace);
        var idleStart = ProcessSample.Take();
        var idleThreads = ThreadCpu.Take();
        var gitStart = git.TotalProcessorTime;
        await Task.Delay(idle);
        var idleEnd = ProcessSample.Take();
        var threads = ThreadCpu.Take().TopSince(idleThreads);
        var gitIdle = git.TotalProcessorTime - gitStart;
        var writesDuring = await ServerWrites.ResourceVersionAsync(client, Namespace) - writesBefore;
        var idleCpu = idleEnd.CpuMsPerMinuteSince(idleStart);
        var allocatedPerMinute = (idleEnd.Allocated - idleStart.Allocated) / (idleEnd.At - idleStart.At).TotalMinutes;

        await node.StopAsync();
        await node.DisposeAsync();
        var serverWithObjects = ProcessSample.LiveHeap();
        var (serverWithObjectsCpu, _) = await CpuOverAsync(Window);

        // A warm baseline (JIT done): a fresh empty node on a second, empty API server, beside the idle first one.
        double warmBaselineCpu;
        await using (var empty = await SandboxApiServer.StartAsync(new SandboxApiServerOptions()))
        {
            empty.WriteKubeconfig(Path.Combine(temp, "empty-kubeconfig"));
            using (var emptyClient = empty.CreateClient())
            {
                await CrdInstaller.InstallAsync(emptyClient, FluxKinds.All);
            }
            var second = await StartNodeAsync(Path.Combine(temp, "empty-node"), Path.Combine(temp, "empty-kubeconfig"));
            await Task.Delay(TimeSpan.FromSeconds(5));
            warmBaselineCpu = (await CpuOverAsync(Window)).MsPerMinute;
            await second.StopAsync();
            await second.DisposeAsync();
        }

        var nodePerRepository = (idleHeap - serverWithObjects - (emptyNode - serverAlone)) / (double)objects;
        var serverPerRepository = (serverWithObjects - serverAlone) / (double)objects;
        Console.WriteLine($"idle heap: {Mib(idleHeap)} (GC heap size {Mib(idleGcHeap)}); after stopping the node {Mib(serverWithObjects)}");
        Console.WriteLine($"heap per idle repository: node {Kib(nodePerRepository)}, API server {Kib(serverPerRepository)}, both {Kib((idleHeap - emptyNode) / (double)objects)}");
        Console.WriteLine($"idle CPU over {idle.TotalSeconds:F0} s: {idleCpu:F0} ms/min in this process; " +
                          $"{(idleCpu - warmBaselineCpu) / objects:F2} ms/min per repository above the warm baseline; allocated {allocatedPerMinute / objects / 1024:F0} KiB/min per repository; " +
                          $"{writesDuring} API writes; git server front {gitIdle.TotalMilliseconds:F0} ms ({threads})");
        Console.WriteLine($"API server alone after the node stopped, {objects} objects stored: {serverWithObjectsCpu:F0} ms/min; " +
                          $"warm baseline, a fresh empty node and API server beside it: {warmBaselineCpu:F0} ms/min");
        Console.WriteLine($"load average {MachineLoad.Average()}");
    }

    /// <summary>How long each baseline CPU measurement runs.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static async Task<(double MsPerMinute, string Threads)> CpuOverAsync(TimeSpan window)
    {
        var start = ProcessSample.Take();
        var threads = ThreadCpu.Take();
        await Task.Delay(window);
        var end = ProcessSample.Take();
        return (end.CpuMsPerMinuteSince(start), ThreadCpu.Take().TopSince(threads));
    }

    private static async Task<(TimeSpan Created, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan GitCpu)> CreateAndAwaitReadyAsync(
        IKubernetes client, int objects, IReadOnlyList<string> served, GitServerProcess git)
    {
        var start = ProcessSample.Take();
        var gitStart = git.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < objects)
            {
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                    BenchObjects.GitRepository($"app-{i.ToString("D3", CultureInfo.InvariantCulture)}", $"{git.BaseUrl}/{served[i % served.Count]}", "1m"),
                    FluxGroups.Source, "v1", Namespace, "gitrepositories");
            }
        }));
        var created = clock.Elapsed;
        var deadline = TimeSpan.FromMinutes(5);
        var (ready, failing) = (0, "");
        while (clock.Elapsed < deadline)
        {
            (ready, failing) = await CountReadyAsync(client);
            if (ready == objects)
            {
                clock.Stop();
                var end = ProcessSample.Take();
                return (created, clock.Elapsed, end.Cpu - start.Cpu, git.TotalProcessorTime - gitStart);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"only {ready} of {objects} Ready after {deadline.TotalMinutes} min; a failing one: {failing}");
    }

    internal static async Task<WebApplication> StartNodeAsync(string dataDir, string kubeconfig)
    {
        var node = FleetNodeHost.Build(
            new NodeSettings { Hostname = "127.0.0.1", Port = 0, HttpPort = 0, WebhookPort = 0, DataDir = dataDir, Kubeconfig = kubeconfig, MinimumLogLevel = LogLevel.Warning },
            new EntityRuntimeSettings());
        await node.StartAsync();
        await node.Services.GetRequiredService<ShardRegions>().Started;
        return node;
    }

    private static async Task<(int Ready, string Failing)> CountReadyAsync(IKubernetes client)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(FluxGroups.Source, "v1", Namespace, "gitrepositories");
        var (ready, failing) = (0, "");
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var condition = ObjectConditions.Find(item, ConditionTypes.Ready);
            if (condition?.Status == "True" && item["status"]?["artifact"] is not null)
            {
                ready++;
            }
            else if (condition?.Status == "False")
            {
                failing = condition.Message;
            }
        }
        return (ready, failing);
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";

    private static string Kib(double bytes) => $"{bytes / 1024.0:F1} KiB";
}
