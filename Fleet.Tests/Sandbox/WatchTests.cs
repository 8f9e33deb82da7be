using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Fleet.Tests.Sandbox;

/// <summary>Watch semantics through KubernetesClient and raw HTTP: resume, bookmarks, 410, selector transitions.</summary>
public sealed class WatchTests(SandboxServerFixture fixture) : IClassFixture<SandboxServerFixture>
{
    private IKubernetes Client => fixture.Client;

    [Fact]
    public async Task ListThenWatchSeesEveryChangeExactlyOnceAcrossAForced410()
    {
        const string ns = "listwatch";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        for (var i = 0; i < 3; i++)
        {
            await Create(ns, $"c{i}", "0");
        }

        var cache = new Dictionary<string, string>();
        var lastRv = await ListIntoAsync(ns, cache);
        var seenRvs = new List<long>();
        var bookmarks = 0;
        var expired = 0;

        async Task WatchOnceAsync()
        {
            var gone = false;
            var stream = Client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                "", "v1", ns, "configmaps", allowWatchBookmarks: true, resourceVersion: lastRv, timeoutSeconds: 1,
                onError: e =>
                {
                    if (e is KubernetesException { Status.Code: 410 })
                    {
                        gone = true;
                    }
                });
            await foreach (var (type, obj) in stream)
            {
                var element = (JsonElement)obj;
                var metadata = element.GetProperty("metadata");
                var rv = metadata.GetProperty("resourceVersion").GetString()!;
                if (type == WatchEventType.Bookmark)
                {
                    bookmarks++;
                    lastRv = rv;
                    continue;
                }

                seenRvs.Add(long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture));
                var name = metadata.GetProperty("name").GetString()!;
                if (type == WatchEventType.Deleted)
                {
                    Assert.True(cache.Remove(name), $"DELETED for {name}, which the cache does not hold");
                }
                else
                {
                    cache[name] = element.GetProperty("data").GetProperty("v").GetString()!;
                }

                lastRv = rv;
            }

            if (gone)
            {
                expired++;
                lastRv = await ListIntoAsync(ns, cache);
            }
        }

        await Create(ns, "c3", "0");
        await Update(ns, "c0", "1");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("c1", ns);
        await WatchOnceAsync();
        Assert.Equal(3, seenRvs.Count);

        await Update(ns, "c2", "1");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("c3", ns);
        await Create(ns, "c4", "0");
        fixture.Server.Store.Compact();
        await WatchOnceAsync();
        Assert.Equal(1, expired);
        Assert.Equal(3, seenRvs.Count);

        await Update(ns, "c4", "2");
        await Create(ns, "c5", "0");
        await WatchOnceAsync();

        Assert.Equal(seenRvs.Order().Distinct(), seenRvs);
        Assert.Equal(5, seenRvs.Count);
        Assert.True(bookmarks > 0, "no bookmark arrived although the watches allowed them");
        var server = new Dictionary<string, string>();
        await ListIntoAsync(ns, server);
        Assert.Equal(server.OrderBy(p => p.Key), cache.OrderBy(p => p.Key));
        Assert.Equal(["c0", "c2", "c4", "c5"], cache.Keys.Order());
    }

    [Fact]
    public async Task RawWatchStreamsSyntheticAddsSelectorTransitionsAndExpiry()
    {
        const string ns = "rawwatch";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await Create(ns, "pre", "0", new Dictionary<string, string> { ["pick"] = "yes" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync($"{fixture.Server.Url}/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=pick%3Dyes&timeoutSeconds=5", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        async Task<(string Type, string Name)> NextAsync()
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)) ?? throw new EndOfStreamException();
            var e = JsonNode.Parse(line)!;
            return (e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(("ADDED", "pre"), await NextAsync());
        await Create(ns, "later", "0");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"pick\":\"yes\"}}}", V1Patch.PatchType.MergePatch), "later", ns);
        Assert.Equal(("ADDED", "later"), await NextAsync());
        await Update(ns, "later", "1");
        Assert.Equal(("MODIFIED", "later"), await NextAsync());
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"pick\":null}}}", V1Patch.PatchType.MergePatch), "pre", ns);
        Assert.Equal(("DELETED", "pre"), await NextAsync());
        var end = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(end);

        fixture.Server.Store.Compact();
        var expired = await http.GetStringAsync($"{fixture.Server.Url}/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=1");
        var error = JsonNode.Parse(expired.Trim())!;
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 1 (", error["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingListsSendInitialEventsThenAnAnnotatedBookmark()
    {
        const string ns = "streaming";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await Create(ns, "a", "0");
        await Create(ns, "b", "0");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var text = await http.GetStringAsync($"{fixture.Server.Url}/api/v1/namespaces/{ns}/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["ADDED", "ADDED", "BOOKMARK"], events.Take(3).Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal("true", events[2]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.Single(events, e => e["object"]!["metadata"]!["annotations"]?["k8s.io/initial-events-end"] is not null);
    }

    private async Task<string> ListIntoAsync(string ns, Dictionary<string, string> cache)
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        cache.Clear();
        foreach (var item in list.Items)
        {
            cache[item.Metadata.Name] = item.Data["v"];
        }

        return list.Metadata.ResourceVersion;
    }

    private Task Create(string ns, string name, string value, Dictionary<string, string>? labels = null) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["v"] = value } }, ns);

    private Task Update(string ns, string name, string value) =>
        Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch($"{{\"data\":{{\"v\":\"{value}\"}}}}", V1Patch.PatchType.MergePatch), name, ns);
}
