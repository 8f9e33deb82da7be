using Fleet.Node.Sandbox;
using Fleet.Node.Sandbox.Progress;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;
using k8s;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Sandbox.Run;

/// <summary>
/// A Deployment the real server would refuse, committed to the sandbox's example repository: the apps
/// Kustomization turns Ready=False with the server's own message, and the previous revision stays applied.
/// </summary>
public sealed class InvalidRevisionTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-sandbox-invalid-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task AnUnknownFieldOrAWrongTypeFailsTheKustomizationAndKeepsThePreviousRevision()
    {
        var options = new FleetSandboxOptions
        {
            DataDir = Path.Combine(_temp.FullName, "data"),
            KubeconfigOut = Path.Combine(_temp.FullName, "sandbox.kubeconfig"),
            NodeLogLevel = LogLevel.Error,
        };
        await using var sandbox = await FleetSandbox.StartAsync(options);
        await UntilAppsAsync(sandbox, a => a.Ready, "Ready");
        var path = Path.Combine(sandbox.Repository.Directory, "apps", "deployment.yaml");
        var valid = File.ReadAllText(path);

        File.WriteAllText(path, valid.Replace("replicas: 2", "replicas: 3\n  paused: false\n  surge: 1", StringComparison.Ordinal));
        GitCli.Run(sandbox.Repository.Directory, "commit", "-q", "-am", "an unknown field");
        var unknown = await UntilAppsAsync(sandbox, a => a.Message.Contains("field not declared in schema", StringComparison.Ordinal), "the unknown field refused");
        Assert.False(unknown.Ready);
        Assert.Contains("Deployment/demo/greeter dry-run failed", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("failed to create typed patch object (demo/greeter; apps/v1, Kind=Deployment): .spec.surge: field not declared in schema", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("greeter", "demo")).Spec.Replicas);

        File.WriteAllText(path, valid.Replace("replicas: 2", "replicas: three", StringComparison.Ordinal));
        GitCli.Run(sandbox.Repository.Directory, "commit", "-q", "-am", "a wrong type");
        var mistyped = await UntilAppsAsync(sandbox, a => a.Message.Contains("expected numeric", StringComparison.Ordinal), "the wrong type refused");
        Assert.Contains(".spec.replicas: expected numeric (int or float), got string", mistyped.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("greeter", "demo")).Spec.Replicas);
    }

    private static async Task<ObjectReadiness> UntilAppsAsync(FleetSandbox sandbox, Func<ObjectReadiness, bool> done, string what)
    {
        ObjectReadiness? apps = null;
        await Eventually.True(
            async () =>
            {
                apps = (await sandbox.ReadAsync()).Single(o => o.Id.EndsWith("/apps", StringComparison.Ordinal));
                return done(apps);
            },
            TimeSpan.FromSeconds(60),
            () => $"apps to show {what}, but it is {apps?.State}: {apps?.Message}");
        return apps!;
    }
}
