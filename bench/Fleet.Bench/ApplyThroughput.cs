using System.Diagnostics;
using Fleet.Node.Sandbox;
using k8s;
using k8s.Models;

namespace Fleet.Bench;

/// <summary>Server-side apply of many small ConfigMaps by concurrent clients, as Flux applies a large set.</summary>
public static class ApplyThroughput
{
    public static async Task<(TimeSpan Elapsed, int Applied)> RunAsync(SandboxApiServer server, int objects, int clients)
    {
        using var admin = server.CreateClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench-apply" } });
        var pool = Enumerable.Range(0, clients).Select(_ => server.CreateClient()).ToList();
        await ApplyAsync(pool[0], -1);
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(pool.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < objects)
            {
                await ApplyAsync(client, i);
            }
        }));
        watch.Stop();
        foreach (var client in pool)
        {
            client.Dispose();
        }

        return (watch.Elapsed, objects);
    }

    private static Task ApplyAsync(IKubernetes client, int i)
    {
        var name = i < 0 ? "warm-up" : $"cm-{i}";
        var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"bench-apply","labels":{"app":"bench"}},"data":{"index":"{{{i}}}","value":"some small payload"}}""";
        return client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "", "v1", "bench-apply", "configmaps", name, fieldManager: "bench", force: true);
    }
}
