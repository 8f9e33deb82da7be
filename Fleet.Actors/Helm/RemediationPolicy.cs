using Fleet.Messages.Api.Helm;

namespace Fleet.Actors.Helm;

/// <summary>
/// helm-controller's remediation settings of the action last attempted (install or upgrade): how many failures it
/// retries, whether the last failure is remediated too, and how (an install by uninstall, an upgrade by rollback unless
/// told to uninstall). <c>RetryOnFailure</c> remediates nothing and retries without end.
/// </summary>
public sealed record RemediationPolicy(string Action, int Retries, bool RemediateLastFailure, bool IgnoreTestFailures, bool Uninstall, bool RetryOnFailure)
{
    public const string InstallAction = "install";
    public const string UpgradeAction = "upgrade";

    public static RemediationPolicy For(string action, HelmReleaseSpec spec)
    {
        if (action == UpgradeAction)
        {
            var upgrade = spec.Upgrade?.Remediation;
            var retries = upgrade?.Retries ?? 0;
            return new RemediationPolicy(
                UpgradeAction,
                retries,
                upgrade?.RemediateLastFailure ?? retries > 0,
                upgrade?.IgnoreTestFailures ?? spec.Test?.IgnoreFailures ?? false,
                upgrade?.Strategy == "uninstall",
                spec.Upgrade?.Strategy?.Name == "RetryOnFailure");
        }
        var install = spec.Install?.Remediation;
        return new RemediationPolicy(
            InstallAction,
            install?.Retries ?? 0,
            install?.RemediateLastFailure ?? false,
            install?.IgnoreTestFailures ?? spec.Test?.IgnoreFailures ?? false,
            Uninstall: true,
            spec.Install?.Strategy?.Name == "RetryOnFailure");
    }

    /// <summary>Failures beyond the retries (a negative retry count retries for ever).</summary>
    public bool Exhausted(long failures) => !RetryOnFailure && Retries >= 0 && failures > Retries;

    /// <summary>Whether the failure numbered <paramref name="failures"/> is remediated: any within the retries, the last one only when asked.</summary>
    public bool Remediates(long failures) => !RetryOnFailure && (!Exhausted(failures) ? Retries != 0 : RemediateLastFailure);
}
