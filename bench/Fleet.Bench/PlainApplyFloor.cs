using System.Diagnostics;
using Fleet.Actors.Kube;
using k8s;
using k8s.Models;

namespace Fleet.Bench;

/// <summary>
/// The floor for the Kustomization benchmark: the same objects <see cref="BenchApp"/> holds, one set per namespace,
/// applied by concurrent clients with plain server-side-apply requests (one request per object, as fast as they go).
/// </summary>
public static class PlainApplyFloor
{
    /// <summary>Applies (as JSON, which the client sends verbatim) the app into each of <paramref name="namespaces"/> (which exist) and returns the wall time.</summary>
    public static async Task<TimeSpan> RunAsync(IReadOnlyList<IKubernetes> clients, IReadOnlyList<string> namespaces)
    {
        var work = namespaces.SelectMany(ns => BenchApp.Manifests(ns).Select(m => (Ns: ns, m.Name, Json: YamlJson.ParseSingle(m.Yaml)!.ToJsonString()))).ToList();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Count)
            {
                var (ns, name, json) = work[i];
                var (group, version, plural) = BenchApp.Resource(name);
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    new V1Patch(json, V1Patch.PatchType.ApplyPatch), group, version, ns, plural, "bench", fieldManager: "bench", force: true);
            }
        }));
        return clock.Elapsed;
    }
}
