using System.Text.Json.Nodes;
using Fleet.Actors.Helm;
using Fleet.Messages;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Helm;

/// <summary>helm-controller's naming, remediation, state and Ready rules, checked without helm or a cluster.</summary>
public sealed class ReleasePolicyTests
{
    private static readonly ObjectKey Key = new("HelmRelease", "apps", "podinfo");

    [Fact]
    public void ReleaseNameDefaultsToTargetNamespaceAndNameAndIsShortenedPast53Characters()
    {
        Assert.Equal(new ReleaseTarget("podinfo", "apps", "apps"), ReleaseTarget.Of(Key, new HelmReleaseSpec()));
        Assert.Equal(new ReleaseTarget("web-podinfo", "web", "web"), ReleaseTarget.Of(Key, new HelmReleaseSpec { TargetNamespace = "web" }));
        Assert.Equal("custom", ReleaseTarget.Of(Key, new HelmReleaseSpec { TargetNamespace = "web", ReleaseName = "custom" }).Name);

        var longName = new string('a', 30) + "-" + new string('b', 30);
        var shortened = ReleaseTarget.Shorten(longName);
        Assert.Equal(53, shortened.Length);
        Assert.StartsWith(longName[..40] + "-", shortened, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", shortened[41..]);
        Assert.Equal(new string('c', 53), ReleaseTarget.Shorten(new string('c', 53)));
        Assert.Equal("apps-podinfo", ReleaseTarget.HelmChartName(Key));
    }

    [Fact]
    public void UpgradeRemediationRetriesThenRemediatesTheLastFailureOnlyWhenRetriesWereAllowed()
    {
        var retried = RemediationPolicy.For(RemediationPolicy.UpgradeAction, new HelmReleaseSpec { Upgrade = new HelmReleaseUpgrade { Remediation = new HelmReleaseUpgradeRemediation { Retries = 3 } } });
        Assert.Equal([false, false, false, true], new long[] { 1, 2, 3, 4 }.Select(retried.Exhausted));
        Assert.All(new long[] { 1, 2, 3, 4 }, f => Assert.True(retried.Remediates(f)));
        Assert.False(retried.Uninstall);

        var defaults = RemediationPolicy.For(RemediationPolicy.UpgradeAction, new HelmReleaseSpec());
        Assert.True(defaults.Exhausted(1));
        Assert.False(defaults.Remediates(1));

        var forever = RemediationPolicy.For(RemediationPolicy.InstallAction, new HelmReleaseSpec { Install = new HelmReleaseInstall { Remediation = new HelmReleaseInstallRemediation { Retries = -1 } } });
        Assert.False(forever.Exhausted(1000));
        Assert.True(forever.Uninstall);

        var retryOnFailure = RemediationPolicy.For(RemediationPolicy.UpgradeAction, new HelmReleaseSpec
        {
            Upgrade = new HelmReleaseUpgrade { Strategy = new HelmReleaseActionStrategy { Name = "RetryOnFailure" }, Remediation = new HelmReleaseUpgradeRemediation { Retries = 1 } },
        });
        Assert.False(retryOnFailure.Exhausted(5));
        Assert.False(retryOnFailure.Remediates(1));
    }

    [Fact]
    public void StateFollowsHelmStorageAgainstWhatThisReleaseLastMade()
    {
        var deployed = Stored(2, StoredRelease.Deployed, "1.0.0", new JsonObject { ["a"] = 1 });
        var known = new[] { ReleaseSnapshots.Snapshot(deployed) };
        var digest = deployed.ConfigDigest;
        Assert.Equal(ReleaseState.Absent, ReleaseStates.Of([], known, "1.0.0", digest, untested: false));
        Assert.Equal(ReleaseState.Unmanaged, ReleaseStates.Of([deployed], null, "1.0.0", digest, untested: false));
        Assert.Equal(ReleaseState.InSync, ReleaseStates.Of([deployed], known, "1.0.0", digest, untested: false));
        Assert.Equal(ReleaseState.Untested, ReleaseStates.Of([deployed], known, "1.0.0", digest, untested: true));
        Assert.Equal(ReleaseState.OutOfSync, ReleaseStates.Of([deployed], known, "1.1.0", digest, untested: false));
        Assert.Equal(ReleaseState.OutOfSync, ReleaseStates.Of([deployed], known, "1.0.0", ReleaseValues.Digest(new JsonObject { ["a"] = 2 }), untested: false));
        var failed = Stored(3, StoredRelease.Failed, "1.0.0", []);
        Assert.Equal(ReleaseState.Failed, ReleaseStates.Of([failed, deployed], [ReleaseSnapshots.Snapshot(failed)], "1.0.0", digest, untested: false));
    }

    [Fact]
    public void ReadyIsFalseWhileRemediatedAndTakesTheFirstPositiveConditionOtherwise()
    {
        var released = ReleaseSummary.Make(HelmReleaseConditions.Released, true, HelmReleaseConditions.UpgradeSucceededReason, "upgraded");
        var tested = ReleaseSummary.Make(HelmReleaseConditions.TestSuccess, true, HelmReleaseConditions.TestSucceededReason, "tested");
        var failedTest = ReleaseSummary.Make(HelmReleaseConditions.TestSuccess, false, HelmReleaseConditions.TestFailedReason, "test failed");
        var rolledBack = ReleaseSummary.Make(HelmReleaseConditions.Remediated, true, HelmReleaseConditions.RollbackSucceededReason, "rolled back");

        Assert.Equal((true, HelmReleaseConditions.TestSucceededReason, "tested"), ReleaseSummary.Of([released, tested], testsCount: true));
        Assert.Equal((true, HelmReleaseConditions.UpgradeSucceededReason, "upgraded"), ReleaseSummary.Of([released, failedTest], testsCount: false));
        Assert.Equal((false, HelmReleaseConditions.TestFailedReason, "test failed"), ReleaseSummary.Of([released, failedTest], testsCount: true));
        Assert.Equal((false, HelmReleaseConditions.RollbackSucceededReason, "rolled back"), ReleaseSummary.Of([released, rolledBack], testsCount: false));
    }

    [Fact]
    public void HelmCommandLinesCarryTheActionSettingsAndNeverTheValues()
    {
        var target = new ReleaseTarget("web", "apps", "apps");
        var spec = new HelmReleaseSpec
        {
            Timeout = GoDuration.Parse("2m"),
            MaxHistory = 3,
            Install = new HelmReleaseInstall { CreateNamespace = true, DisableWaitForJobs = true, Crds = "Skip" },
            Upgrade = new HelmReleaseUpgrade { DisableWait = true, CleanupOnFail = true },
            Test = new HelmReleaseTest { Filters = [new HelmReleaseTestFilter { Name = "smoke" }, new HelmReleaseTestFilter { Name = "slow", Exclude = true }] },
        };
        Assert.Equal(
            ["install", "web", "/chart", "--namespace", "apps", "--timeout", "2m0s", "--kube-as-user", "system:serviceaccount:apps:deployer",
             "--values", "/values.json", "--wait", "--create-namespace", "--take-ownership", "--skip-crds"],
            HelmArguments.Install(target, spec, "/chart", "/values.json", HelmArguments.ServiceAccountUser("apps", "deployer")));
        Assert.Equal(
            ["upgrade", "web", "/chart", "--namespace", "apps", "--timeout", "2m0s", "--values", "/values.json", "--history-max", "3", "--reset-values", "--force", "--cleanup-on-fail", "--take-ownership"],
            HelmArguments.Upgrade(target, spec, "/chart", "/values.json", null, forced: true));
        Assert.Equal(
            ["test", "web", "--namespace", "apps", "--timeout", "2m0s", "--filter", "name=smoke", "--filter", "!name=slow"],
            HelmArguments.Test(target, spec, null));
        Assert.Equal(["rollback", "web", "2", "--namespace", "apps", "--timeout", "2m0s", "--history-max", "3", "--wait", "--wait-for-jobs"], HelmArguments.Rollback(target, spec, 2, null));
    }

    [Fact]
    public void UnsupportedFieldsStallNamingTheField()
    {
        var oci = HelmReleaseUnsupportedFields.Refusal(new HelmReleaseSpec { ChartRef = new HelmReleaseChartReference { Kind = "OCIRepository", Name = "podinfo" } });
        Assert.Equal(HelmReleaseConditions.ArtifactFailedReason, oci!.Reason);
        Assert.Contains("spec.chartRef.kind 'OCIRepository' is not supported", oci.Message, StringComparison.Ordinal);
        Assert.Null(HelmReleaseUnsupportedFields.Refusal(new HelmReleaseSpec { ChartRef = new HelmReleaseChartReference { Kind = "HelmChart", Name = "podinfo" } }));
    }

    private static StoredRelease Stored(int version, string status, string chartVersion, JsonObject config) =>
        new("podinfo", "apps", version, status, "podinfo", chartVersion, null, config, "", DateTime.UnixEpoch, DateTime.UnixEpoch, null, "", [], $"sha256:{version}{status}");
}
