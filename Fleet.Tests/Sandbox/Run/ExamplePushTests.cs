using Fleet.Node.Sandbox;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sandbox.Run;

/// <summary>The newcomer's flow: clone the example repository from the URL the sandbox prints, edit, push over HTTP,
/// and see the change in the cluster; committing in place still works afterwards.</summary>
public sealed class ExamplePushTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-sandbox-push-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task ACloneEditedAndPushedIsAppliedAndCommittingInPlaceStillWorks()
    {
        var options = new FleetSandboxOptions
        {
            DataDir = Path.Combine(_temp.FullName, "data"),
            KubeconfigOut = Path.Combine(_temp.FullName, "sandbox.kubeconfig"),
            NodeLogLevel = LogLevel.Error,
        };
        await using var sandbox = await FleetSandbox.StartAsync(options);
        var clone = Path.Combine(_temp.FullName, "clone");
        GitCli.Run(_temp.FullName, "clone", "-q", sandbox.RepositoryUrl, clone);
        var deployment = Path.Combine(clone, "apps", "deployment.yaml");
        File.WriteAllText(deployment, File.ReadAllText(deployment).Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal));
        GitCli.Run(clone, "commit", "-q", "-am", "four greeters");
        GitCli.Run(clone, "push", "-q", "origin", "main");

        Assert.Equal(GitCli.Run(clone, "rev-parse", "HEAD").Trim(), sandbox.Repository.ReadHead());
        Assert.Contains("replicas: 4", File.ReadAllText(Path.Combine(sandbox.Repository.Directory, "apps", "deployment.yaml")), StringComparison.Ordinal);
        await Eventually.True(
            async () => await ReplicasAsync(sandbox) == 4,
            TimeSpan.FromSeconds(60),
            () => "the pushed replica count applied");

        var local = Path.Combine(sandbox.Repository.Directory, "apps", "deployment.yaml");
        File.WriteAllText(local, File.ReadAllText(local).Replace("replicas: 4", "replicas: 1", StringComparison.Ordinal));
        GitCli.Run(sandbox.Repository.Directory, "commit", "-q", "-am", "one greeter");
        await Eventually.True(
            async () => await ReplicasAsync(sandbox) == 1,
            TimeSpan.FromSeconds(60),
            () => "the in-place commit applied");
    }

    /// <summary>The greeter Deployment's replicas, or null before Fleet has applied it.</summary>
    private static async Task<int?> ReplicasAsync(FleetSandbox sandbox) =>
        (await sandbox.Client.AppsV1.ListNamespacedDeploymentAsync("demo", fieldSelector: "metadata.name=greeter")).Items.SingleOrDefault()?.Spec.Replicas;
}
