using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Node;

/// <summary>`fleet sandbox --exit-when-ready` as a newcomer runs it: a real process, a fresh data directory.</summary>
public sealed class SandboxProcessTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-sandbox-process-");

    public void Dispose() => _temp.Delete(recursive: true);

    private string DataDir => Path.Combine(_temp.FullName, "data");

    private string[] Arguments(params string[] extra) =>
        ["sandbox", "--exit-when-ready", "--data-dir", DataDir, "--kubeconfig-out", Path.Combine(_temp.FullName, "sandbox.kubeconfig"), .. extra];

    [Fact]
    public async Task OnAFreshDataDirectoryEverythingBecomesReadyWithinTwoMinutes()
    {
        // The sandbox gives up by itself after its default --timeout of 2m; the margin covers only start and stop.
        var (exitCode, output) = await FleetProcess.RunToEndAsync(Arguments(), TimeSpan.FromMinutes(3), _temp.FullName);

        Assert.True(exitCode == 0, output);
        Assert.Contains("All 3 objects are Ready.", output, StringComparison.Ordinal);
        Assert.Matches(@"GitRepository/flux-system/fleet-example +Ready +stored artifact for revision 'main@sha1:[0-9a-f]{40}'", output);
        Assert.Matches(@"Kustomization/flux-system/apps +Ready ", output);
        var repository = Path.Combine(DataDir, "repositories", "fleet-example");
        Assert.True(Directory.Exists(Path.Combine(repository, ".git")), "the example repository stays for the user to edit");
        Assert.True(File.Exists(Path.Combine(repository, "apps", "deployment.yaml")));
    }

    [Fact]
    public async Task AtTheTimeoutItExitsNonZeroNamingWhatIsNotReadyAndKeepsTheUsersRepository()
    {
        // A repository from an "earlier run" that the user emptied: the Kustomizations' paths are gone.
        var repository = GitWorkRepository.Init(Path.Combine(DataDir, "repositories"), "fleet-example", branch: "main");
        var head = repository.Write("README.md", "emptied\n").Commit("empty the fleet");

        var (exitCode, output) = await FleetProcess.RunToEndAsync(Arguments("--timeout", "5s"), TimeSpan.FromMinutes(1), _temp.FullName);

        Assert.True(exitCode == 1, output);
        Assert.DoesNotContain("All 3 objects are Ready", output, StringComparison.Ordinal);
        Assert.Contains("kept from an earlier run", output, StringComparison.Ordinal);
        Assert.Contains("not everything was Ready within 5s:", output, StringComparison.Ordinal);
        Assert.Matches(@"Kustomization/flux-system/infrastructure +\S+ +\S", output);
        Assert.Equal(head, repository.Head());
    }
}
