using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Helm;

/// <summary>
/// The helm command lines of each release action, from the HelmRelease's action settings with helm-controller's
/// defaults (wait for resources and Jobs, 5m per operation, take ownership of existing objects, reset values on upgrade).
/// Nothing secret goes here: values travel in a file, credentials in the kubeconfig file.
/// </summary>
public static class HelmArguments
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The identity helm impersonates for <paramref name="serviceAccount"/>, as `--kube-as-user` takes it.</summary>
    public static string ServiceAccountUser(string ns, string serviceAccount) => $"system:serviceaccount:{ns}:{serviceAccount}";

    public static List<string> Install(ReleaseTarget target, HelmReleaseSpec spec, string chart, string valuesFile, string? user)
    {
        var install = spec.Install ?? new HelmReleaseInstall();
        var args = Common("install", target, user, TimeoutOf(install.Timeout, spec));
        args.InsertRange(1, [target.Name, chart]);
        args.AddRange(["--values", valuesFile]);
        Wait(args, install.DisableWait, install.DisableWaitForJobs);
        Flag(args, install.CreateNamespace, "--create-namespace");
        Flag(args, install.DisableHooks, "--no-hooks");
        Flag(args, install.DisableOpenAPIValidation, "--disable-openapi-validation");
        Flag(args, install.DisableSchemaValidation, "--skip-schema-validation");
        Flag(args, install.Replace, "--replace");
        Flag(args, install.DisableTakeOwnership != true, "--take-ownership");
        Flag(args, install.SkipCRDs == true || install.Crds == "Skip", "--skip-crds");
        return args;
    }

    public static List<string> Upgrade(ReleaseTarget target, HelmReleaseSpec spec, string chart, string valuesFile, string? user, bool forced)
    {
        var upgrade = spec.Upgrade ?? new HelmReleaseUpgrade();
        var args = Common("upgrade", target, user, TimeoutOf(upgrade.Timeout, spec));
        args.InsertRange(1, [target.Name, chart]);
        args.AddRange(["--values", valuesFile, "--history-max", MaxHistory(spec)]);
        args.Add(upgrade.PreserveValues == true ? "--reuse-values" : "--reset-values");
        Wait(args, upgrade.DisableWait, upgrade.DisableWaitForJobs);
        Flag(args, upgrade.DisableHooks, "--no-hooks");
        Flag(args, upgrade.DisableOpenAPIValidation, "--disable-openapi-validation");
        Flag(args, upgrade.DisableSchemaValidation, "--skip-schema-validation");
        Flag(args, upgrade.Force == true || forced, "--force");
        Flag(args, upgrade.CleanupOnFail, "--cleanup-on-fail");
        Flag(args, upgrade.DisableTakeOwnership != true, "--take-ownership");
        return args;
    }

    public static List<string> Rollback(ReleaseTarget target, HelmReleaseSpec spec, int version, string? user)
    {
        var rollback = spec.Rollback ?? new HelmReleaseRollback();
        var args = Common("rollback", target, user, TimeoutOf(rollback.Timeout, spec));
        args.InsertRange(1, [target.Name, version.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange(["--history-max", MaxHistory(spec)]);
        Wait(args, rollback.DisableWait, rollback.DisableWaitForJobs);
        Flag(args, rollback.DisableHooks, "--no-hooks");
        Flag(args, rollback.Force, "--force");
        Flag(args, rollback.CleanupOnFail, "--cleanup-on-fail");
        Flag(args, rollback.Recreate, "--recreate-pods");
        return args;
    }

    public static List<string> Uninstall(ReleaseTarget target, HelmReleaseSpec spec, string? user)
    {
        var uninstall = spec.Uninstall ?? new HelmReleaseUninstall();
        var args = Common("uninstall", target, user, TimeoutOf(uninstall.Timeout, spec));
        args.Insert(1, target.Name);
        args.AddRange(["--cascade", uninstall.DeletionPropagation ?? "background"]);
        Flag(args, uninstall.DisableHooks, "--no-hooks");
        Flag(args, uninstall.KeepHistory, "--keep-history");
        Flag(args, uninstall.DisableWait != true, "--wait");
        return args;
    }

    /// <summary>`helm test`, with helm-controller's filters: names to run, or with `exclude` names to skip.</summary>
    public static List<string> Test(ReleaseTarget target, HelmReleaseSpec spec, string? user)
    {
        var test = spec.Test ?? new HelmReleaseTest();
        var args = Common("test", target, user, TimeoutOf(test.Timeout, spec));
        args.Insert(1, target.Name);
        foreach (var filter in test.Filters ?? [])
        {
            args.AddRange(["--filter", (filter.Exclude == true ? "!name=" : "name=") + filter.Name]);
        }
        return args;
    }

    /// <summary>The time limit of an action: its own timeout, else the release's, else 5m.</summary>
    public static TimeSpan TimeoutOf(GoDuration? action, HelmReleaseSpec spec) => action?.Value ?? spec.Timeout?.Value ?? DefaultTimeout;

    private static List<string> Common(string verb, ReleaseTarget target, string? user, TimeSpan timeout)
    {
        var args = new List<string> { verb, "--namespace", target.Namespace, "--timeout", GoDuration.Format(timeout) };
        if (user is not null)
        {
            args.AddRange(["--kube-as-user", user]);
        }
        return args;
    }

    /// <summary>helm-controller keeps 5 revisions unless told otherwise; 0 keeps them all.</summary>
    private static string MaxHistory(HelmReleaseSpec spec) => (spec.MaxHistory ?? 5).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Wait(List<string> args, bool? disableWait, bool? disableWaitForJobs)
    {
        if (disableWait == true)
        {
            return;
        }
        args.Add("--wait");
        Flag(args, disableWaitForJobs != true, "--wait-for-jobs");
    }

    private static void Flag(List<string> args, bool? set, string flag)
    {
        if (set == true)
        {
            args.Add(flag);
        }
    }
}
