using Fleet.Actors.Processes;
using Fleet.Node.Sandbox.Example;

namespace Fleet.Tests.Sandbox.Run;

/// <summary>The example repository the sandbox creates: what kustomize (kubectl's) builds from it, and that a user's repository is kept.</summary>
public sealed class ExampleFleetTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-example-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task TheRepositoryIsCreatedOnMainWithInfrastructureAndAppsThatKustomizeBuilds()
    {
        var repository = await ExampleRepository.EnsureAsync(_temp.FullName);

        Assert.True(repository.Created);
        Assert.Matches("^[0-9a-f]{40}$", repository.ReadHead());
        var infrastructure = await KustomizeAsync(Path.Combine(repository.Directory, "infrastructure"));
        var apps = await KustomizeAsync(Path.Combine(repository.Directory, "apps"));
        Assert.Contains("kind: Namespace", infrastructure, StringComparison.Ordinal);
        Assert.Contains("kind: ConfigMap", infrastructure, StringComparison.Ordinal);
        Assert.Contains("kind: Deployment", apps, StringComparison.Ordinal);
        Assert.Contains("kind: Service", apps, StringComparison.Ordinal);
        Assert.Contains("name: greeter", apps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExistingRepositoryIsKeptAsTheUserLeftIt()
    {
        var first = await ExampleRepository.EnsureAsync(_temp.FullName);
        File.WriteAllText(Path.Combine(first.Directory, "apps", "deployment.yaml"), "edited\n");

        var second = await ExampleRepository.EnsureAsync(_temp.FullName);

        Assert.False(second.Created);
        Assert.Equal(first.ReadHead(), second.ReadHead());
        Assert.Equal("edited\n", File.ReadAllText(Path.Combine(second.Directory, "apps", "deployment.yaml")));
    }

    private static async Task<string> KustomizeAsync(string directory)
    {
        var result = await ProcessRunner.RunAsync(new ProcessRequest("kubectl", ["kustomize", directory]) { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput;
    }
}
