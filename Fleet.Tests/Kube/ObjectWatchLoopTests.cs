using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages;
using Fleet.Messages.Api;
using Fleet.Messages.Entities;
using Fleet.Tests.Sandbox;
using Fleet.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Tests.Kube;

/// <summary>The watch that feeds the shard regions, against the sandbox API server with Fleet's CRDs.</summary>
public sealed class ObjectWatchLoopTests(SandboxServerFixture sandbox) : IClassFixture<SandboxServerFixture>
{
    private readonly ConcurrentQueue<IWithObjectKey> _routed = new();

    [Fact]
    public async Task RoutesAddsChangesAndDeletesAndResumesAfterAForced410()
    {
        var client = sandbox.Client;
        await CrdInstaller.InstallAsync(client, [FluxKinds.GitRepository]);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "watch-test" } });
        await Create(client, "before-watch");

        using var stop = new CancellationTokenSource();
        var loop = new ObjectWatchLoop(client, FluxKinds.GitRepository, _routed.Enqueue, NullLogger.Instance);
        var running = loop.RunAsync(stop.Token);
        try
        {
            await Eventually.True(() => Observed("before-watch").Any(), TimeSpan.FromSeconds(10), () => "the listed object routed");

            await Create(client, "during-watch");
            await Eventually.True(() => Observed("during-watch").Any(), TimeSpan.FromSeconds(10), () => "the added object routed");

            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch("""{"spec":{"interval":"5m"}}""", V1Patch.PatchType.MergePatch),
                FluxGroups.Source, "v1", "watch-test", "gitrepositories", "during-watch");
            await Eventually.True(
                () => Observed("during-watch").Any(json => json.Contains("\"5m\"", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10),
                () => "the change routed");

            // Changes made while the watch's resourceVersion is compacted away still arrive, through a new list.
            sandbox.Server.Store.Compact();
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(FluxGroups.Source, "v1", "watch-test", "gitrepositories", "before-watch");
            await Create(client, "after-compaction");
            await Eventually.True(
                () => Forgotten("before-watch") && Observed("after-compaction").Any(),
                TimeSpan.FromSeconds(15),
                () => "the delete and the add routed across the 410");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private IEnumerable<string> Observed(string name) =>
        _routed.OfType<EntityCommands.ObserveObject>().Where(o => o.Key.Name == name).Select(o => o.ObjectJson);

    private bool Forgotten(string name) => _routed.OfType<EntityCommands.ForgetObject>().Any(f => f.Key.Name == name);

    private static Task Create(IKubernetes client, string name) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
                ["kind"] = "GitRepository",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = new JsonObject { ["url"] = "https://example.invalid/repo", ["interval"] = "1m" },
            },
            FluxGroups.Source,
            "v1",
            "watch-test",
            "gitrepositories");
}
