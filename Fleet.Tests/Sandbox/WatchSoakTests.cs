using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Tests.Sandbox.Conformance;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>
/// Many watchers at once (KubernetesClient, kubectl 1.32 and 1.33 printing Tables and plain objects) while
/// concurrent writers change the objects thousands of times: every watcher must see every change exactly once and
/// in resourceVersion order.
/// </summary>
public sealed class WatchSoakTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private const string Ns = "soak";
    private const int Objects = 8;
    private const int UpdatesPerObject = 250;

    private const string CounterCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"counters.soak.example.com"},
         "spec":{"group":"soak.example.com","scope":"Namespaced",
           "names":{"plural":"counters","singular":"counter","kind":"Counter"},
           "versions":[{"name":"v1","served":true,"storage":true,
             "additionalPrinterColumns":[{"name":"Version","type":"string","jsonPath":".metadata.resourceVersion"},
                                         {"name":"Value","type":"integer","jsonPath":".spec.value"}],
             "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;

    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task EveryWatcherSeesEveryChangeOnceAndInOrder()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<V1CustomResourceDefinition>(CounterCrd));
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        for (var i = 0; i < Objects; i++)
        {
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
                JsonNode.Parse($$$"""{"apiVersion":"soak.example.com/v1","kind":"Counter","metadata":{"name":"c{{{i}}}"},"spec":{"value":0}}"""),
                "soak.example.com", "v1", Ns, "counters");
        }

        var baseline = fixture.Server.Store.ResourceVersion;
        using var stop = new CancellationTokenSource();
        var watchers = new List<Watcher>();
        for (var i = 0; i < 6; i++)
        {
            watchers.Add(ClientWatcher($"client-{i}", bookmarks: i % 2 == 0, stop.Token));
        }

        foreach (var (version, kubectl) in new[] { ("1.32", ToolLocator.Kubectl132), ("1.33", ToolLocator.Kubectl133) })
        {
            watchers.Add(KubectlWatcher($"kubectl-{version}-table", kubectl, ["get", "counters", "-n", Ns, "-w", "--no-headers"], line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
            watchers.Add(KubectlWatcher($"kubectl-{version}-json", kubectl, ["get", "counters", "-n", Ns, "-w", "-o", "custom-columns=V:.metadata.resourceVersion", "--no-headers"], line => line.Trim()));
        }

        try
        {
            // Every kubectl has listed (its rows of the existing objects are out), so its watch follows from that list.
            await Eventually.True(() => watchers.All(w => w.Seen.Count >= Objects || !w.FromList), TimeSpan.FromSeconds(60), () => "every kubectl to print its list");

            var written = new ConcurrentBag<long>();
            await Task.WhenAll(Enumerable.Range(0, Objects).Select(i => Task.Run(async () =>
            {
                for (var n = 1; n <= UpdatesPerObject; n++)
                {
                    var result = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                        new V1Patch($$$"""{"spec":{"value":{{{n}}}}}""", V1Patch.PatchType.MergePatch), "soak.example.com", "v1", Ns, "counters", $"c{i}");
                    written.Add(long.Parse(((JsonElement)result).GetProperty("metadata").GetProperty("resourceVersion").GetString()!, CultureInfo.InvariantCulture));
                }
            })));

            var expected = written.Order().ToList();
            Assert.Equal(Objects * UpdatesPerObject, expected.Distinct().Count());
            await Eventually.True(
                () => watchers.All(w => w.Changes(baseline).Count >= expected.Count),
                TimeSpan.FromSeconds(90),
                () => "every watcher to see every change: " + string.Join(", ", watchers.Select(w => $"{w.Name} {w.Changes(baseline).Count}/{expected.Count}")));
            foreach (var watcher in watchers)
            {
                var changes = watcher.Changes(baseline);
                Assert.True(expected.SequenceEqual(changes), $"{watcher.Name} saw {changes.Count} changes, first difference at {FirstDifference(expected, changes)}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }

    private static int FirstDifference(List<long> expected, List<long> actual) =>
        Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));

    private Watcher ClientWatcher(string name, bool bookmarks, CancellationToken stop)
    {
        var watcher = new Watcher(name, FromList: false);
        watcher.Run = Task.Run(async () =>
        {
            var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync("soak.example.com", "v1", Ns, "counters", cancellationToken: stop);
            var rv = ((JsonElement)list).GetProperty("metadata").GetProperty("resourceVersion").GetString();
            var events = Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                "soak.example.com", "v1", Ns, "counters", allowWatchBookmarks: bookmarks, resourceVersion: rv, cancellationToken: stop);
            await foreach (var (type, obj) in events.WithCancellation(stop))
            {
                if (type != WatchEventType.Bookmark)
                {
                    watcher.Add(((JsonElement)obj).GetProperty("metadata").GetProperty("resourceVersion").GetString()!);
                }
            }
        });
        return watcher;
    }

    private Watcher KubectlWatcher(string name, string kubectl, string[] args, Func<string, string> resourceVersion)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = fixture.Kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(fixture.Directory, "cache-" + name);
        var process = Process.Start(start)!;
        var watcher = new Watcher(name, FromList: true) { Process = process };
        watcher.Run = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    watcher.Add(resourceVersion(line));
                }
            }
        });
        return watcher;
    }

    /// <summary>The resourceVersions one watcher printed or received, in arrival order.</summary>
    private sealed record Watcher(string Name, bool FromList) : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<long> _seen = [];

        public Task Run { get; set; } = Task.CompletedTask;

        public Process? Process { get; init; }

        public IReadOnlyList<long> Seen
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seen];
                }
            }
        }

        public void Add(string rv)
        {
            lock (_gate)
            {
                _seen.Add(long.Parse(rv, CultureInfo.InvariantCulture));
            }
        }

        /// <summary>What arrived after the objects were created: the changes the writers made.</summary>
        public List<long> Changes(long baseline) => [.. Seen.Where(rv => rv > baseline)];

        public async ValueTask DisposeAsync()
        {
            if (Process is { } process)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync();
                process.Dispose();
            }

            try
            {
                await Run;
            }
            catch (OperationCanceledException)
            {
                // The watch was stopped on purpose.
            }
        }
    }
}
