using System.Diagnostics;
using System.Text.Json.Nodes;
using Fleet.Actors.Processes;
using Fleet.Messages.Api;
using Fleet.Node.Sandbox;
using Fleet.Node.Sandbox.Example;
using Fleet.Node.Sandbox.Progress;
using Fleet.Tests.Support.Git;
using k8s;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sandbox.Run;

/// <summary>
/// The whole sandbox in-process: the node fetches the example repository over smart HTTP and the GitRepository
/// becomes Ready at its head, the Kustomizations exist as specified, a commit is picked up without waiting for the
/// interval, and a restart keeps the user's repository.
/// </summary>
public sealed class FleetSandboxTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-sandbox-run-");

    public void Dispose() => _temp.Delete(recursive: true);

    private FleetSandboxOptions Options => new()
    {
        DataDir = Path.Combine(_temp.FullName, "data"),
        KubeconfigOut = Path.Combine(_temp.FullName, "sandbox.kubeconfig"),
        NodeLogLevel = LogLevel.Error,
    };

    [Fact]
    public async Task SyncsTheExampleRepositoryFollowsACommitAndKeepsTheRepositoryAcrossRuns()
    {
        string committed;
        await using (var sandbox = await FleetSandbox.StartAsync(Options))
        {
            Assert.True(sandbox.Repository.Created);
            var head = sandbox.Repository.ReadHead()!;
            await UntilGitRepositoryAtAsync(sandbox, head);

            var infrastructure = await GetAsync(sandbox, FluxKinds.Kustomization, "infrastructure");
            var apps = await GetAsync(sandbox, FluxKinds.Kustomization, "apps");
            Assert.Equal(("./infrastructure", true, true), (infrastructure["spec"]!["path"]!.GetValue<string>(), infrastructure["spec"]!["prune"]!.GetValue<bool>(), infrastructure["spec"]!["wait"]!.GetValue<bool>()));
            Assert.Equal("./apps", apps["spec"]!["path"]!.GetValue<string>());
            Assert.Equal("infrastructure", apps["spec"]!["dependsOn"]![0]!["name"]!.GetValue<string>());
            Assert.Equal("greeter", apps["spec"]!["healthChecks"]![0]!["name"]!.GetValue<string>());
            Assert.Equal("fleet-example", apps["spec"]!["sourceRef"]!["name"]!.GetValue<string>());
            var kubectl = await KubectlAsync(Options.KubeconfigOut, "get", "ks,gitrepo", "-A");
            Assert.Contains("infrastructure", kubectl, StringComparison.Ordinal);
            Assert.Contains("fleet-example", kubectl, StringComparison.Ordinal);

            // Well within the 1m interval: the sandbox noticed the commit and asked for a reconcile.
            File.WriteAllText(Path.Combine(sandbox.Repository.Directory, "apps", "deployment.yaml"),
                File.ReadAllText(Path.Combine(sandbox.Repository.Directory, "apps", "deployment.yaml")).Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal));
            GitCli.Run(sandbox.Repository.Directory, "commit", "-q", "-am", "three greeters");
            committed = sandbox.Repository.ReadHead()!;
            Assert.NotEqual(head, committed);
            await UntilGitRepositoryAtAsync(sandbox, committed, TimeSpan.FromSeconds(20));
        }

        await using (var again = await FleetSandbox.StartAsync(Options))
        {
            Assert.False(again.Repository.Created);
            Assert.Equal(committed, again.Repository.ReadHead());
            await UntilGitRepositoryAtAsync(again, committed);
        }
    }

    private static async Task UntilGitRepositoryAtAsync(FleetSandbox sandbox, string commit, TimeSpan? timeout = null)
    {
        var expected = $"stored artifact for revision 'main@sha1:{commit}'";
        var clock = Stopwatch.StartNew();
        ObjectReadiness git;
        do
        {
            git = (await sandbox.ReadAsync())[0];
            if (git.Ready && git.Message == expected)
            {
                return;
            }
            await Task.Delay(200);
        }
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)));
        Assert.Fail($"GitRepository did not become Ready at {commit}: {git.State} {git.Message}");
    }

    private static async Task<JsonObject> GetAsync(FleetSandbox sandbox, FluxKind kind, string name) =>
        await sandbox.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(kind.Group, kind.Version, ExampleSync.Namespace, kind.Plural, name);

    private static async Task<string> KubectlAsync(string kubeconfig, params string[] args)
    {
        var request = new ProcessRequest("kubectl", ["--kubeconfig", kubeconfig, .. args]) { Timeout = TimeSpan.FromSeconds(30) };
        var result = await ProcessRunner.RunAsync(request, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput;
    }
}
