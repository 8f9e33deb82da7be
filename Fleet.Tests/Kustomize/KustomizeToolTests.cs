using System.Diagnostics;
using System.Runtime.Versioning;
using Fleet.Actors.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Kustomize;

/// <summary>How a kustomize process is bounded.</summary>
public sealed class KustomizeToolTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_run_over_the_time_limit_is_stopped_and_fails_the_build()
    {
        using var tree = new ManifestTree(("hang.sh", "#!/bin/sh\nexec sleep 30\n"));
        var script = Path.Combine(tree.Root, "hang.sh");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var tool = KustomizeTool.Kustomize(script).WithTimeout(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => tool.BuildAsync(tree.Root, CancellationToken.None));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Equal("kustomize build failed: timed out after 300ms", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_configured_binary_that_does_not_exist_fails_the_build_naming_it()
    {
        using var tree = new ManifestTree(("cm.yaml", ManifestTree.ConfigMapYaml("cm")));
        var missing = Path.Combine(tree.Root, "no-such-kustomize");

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => KustomizeTool.Kustomize(missing).BuildAsync(tree.Root, CancellationToken.None));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.StartsWith($"kustomize build failed: cannot run {missing}: ", error.Message, StringComparison.Ordinal);
    }
}
