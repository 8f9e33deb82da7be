namespace Fleet.Messages.Api.Meta;

/// <summary>Flux's documented defaults, applied by readers of an object (never written into it).</summary>
public static class FluxDefaults
{
    /// <summary>Timeout of source fetches (GitRepository, OCIRepository, HelmRepository, Bucket).</summary>
    public static readonly GoDuration SourceTimeout = GoDuration.Parse("60s");

    /// <summary>HelmRepository interval when none is given.</summary>
    public static readonly GoDuration HelmRepositoryInterval = GoDuration.Parse("1m");

    /// <summary>Timeout of each Kubernetes operation of a HelmRelease.</summary>
    public static readonly GoDuration HelmReleaseTimeout = GoDuration.Parse("5m");

    /// <summary>Receiver interval when none is given.</summary>
    public static readonly GoDuration ReceiverInterval = GoDuration.Parse("10m");

    /// <summary>How far each scheduled run moves at random, as a fraction of the interval (Flux's 5%).</summary>
    public const double IntervalJitterFraction = 0.05;

    /// <summary>Upper bound of the exponential retry backoff (Flux's <c>--max-retry-delay</c>).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(15);

    /// <summary>How often a consumer rechecks a dependency that is not ready (Flux's <c>--requeue-dependency</c>).</summary>
    public static readonly TimeSpan RequeueDependency = TimeSpan.FromSeconds(30);

    public const string GitBranch = "master";
    public const string OciTag = "latest";
    public const string HelmChartVersion = "*";
    public const string ValuesKey = "values.yaml";
    public const int HelmReleaseMaxHistory = 5;
}
