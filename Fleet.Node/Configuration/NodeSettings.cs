using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;
using Microsoft.Extensions.Logging;

namespace Fleet.Node.Configuration;

/// <summary>Everything that shapes one Fleet node; every field can come from a flag, a FLEET_ variable or appsettings.json.</summary>
public sealed record NodeSettings
{
    public const string ActorSystemName = "fleet";

    /// <summary>Address other nodes reach this one at (and the remoting bind address).</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Akka remoting port; 0 picks a free one.</summary>
    public int Port { get; init; } = 4053;

    /// <summary>Seed nodes as <c>host:port</c> or full <c>akka.tcp://fleet@host:port</c>; none forms a cluster of one.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string DataDir { get; init; } = Path.Combine(".fleet", "data");

    public JournalKind Journal { get; init; } = JournalKind.Sqlite;

    /// <summary>Connection string for <see cref="JournalKind.Postgres"/>; SQLite lives in <see cref="DataDir"/>.</summary>
    public string? JournalConnection { get; init; }

    /// <summary>Kubeconfig of the API server whose Flux objects this node reconciles; none means in-cluster config when running in a pod, else no API server.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>HTTP port for health and artifacts; 0 picks a free one.</summary>
    public int HttpPort { get; init; } = 9090;

    /// <summary>HTTP port of the webhook receivers (<c>/hook/...</c>), 9292 as Flux's <c>--receiverAddr</c>; 0 picks a free one.</summary>
    public int WebhookPort { get; init; } = 9292;

    /// <summary>Webhook calls this node serves per second once a burst of <see cref="WebhookBurst"/> is spent; more are answered 429.</summary>
    public double WebhookCallsPerSecond { get; init; } = Actors.Notification.Receivers.WebhookRateLimiter.DefaultPerSecond;

    /// <summary>Webhook calls this node serves at once before <see cref="WebhookCallsPerSecond"/> applies.</summary>
    public int WebhookBurst { get; init; } = Actors.Notification.Receivers.WebhookRateLimiter.DefaultBurst;

    /// <summary>
    /// Where Flux's controllers post events in Flux's format (notification-controller's <c>--events-addr</c>, <c>host:port</c> or
    /// <c>:port</c>); none serves them at <c>POST /</c> on <see cref="HttpPort"/>.
    /// </summary>
    public string? EventsAddr { get; init; }

    /// <summary>Duplicate events within this interval are sent once (notification-controller's <c>--rate-limit-interval</c>).</summary>
    public TimeSpan RateLimitInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Base URL other nodes fetch this node's artifacts from; none means <c>http://&lt;hostname&gt;:&lt;bound http port&gt;</c>.</summary>
    public string? AdvertiseAddress { get; init; }

    /// <summary>The admin API (cluster state and actions, shards, entity location); off unless a port is given, 0 picks a free one.</summary>
    public Admin.AdminSettings Admin { get; init; } = new();

    /// <summary>How many reconciles of one kind run at once on this node (Flux's --concurrent).</summary>
    public int Concurrent { get; init; } = ReconcileSlots.DefaultPerKind;

    /// <summary>The first retry delay of a kind that backs off after a failure (Flux's --min-retry-delay), doubled per failure.</summary>
    public TimeSpan MinRetryDelay { get; init; } = ReconcileSchedule.DefaultMinRetryDelay;

    /// <summary>The longest retry delay of a kind that backs off (Flux's --max-retry-delay).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = FluxDefaults.MaxRetryDelay;

    /// <summary>Flux's controller flags that change how objects reconcile (--requeue-dependency, --no-cross-namespace-refs, ...).</summary>
    public ControllerFlags Flags { get; init; } = new();

    /// <summary>How long membership must be stable before the split-brain resolver downs unreachable nodes (README "Failover").</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after a node is downed its shards start elsewhere, so a partitioned minority has stopped its entities first.</summary>
    public TimeSpan DownRemovalMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The least severe log level written; tests that start many nodes raise it.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Extra HOCON layered over Fleet's own (tuning, tests); empty in production.</summary>
    public string ExtraHocon { get; init; } = "";

    public PersistenceSettings Persistence => Journal switch
    {
        JournalKind.Sqlite => JournalConnection is { Length: > 0 } connection
            ? new PersistenceSettings(JournalKind.Sqlite, connection)
            : PersistenceSettings.SqliteIn(DataDir),
        JournalKind.Postgres => new PersistenceSettings(
            JournalKind.Postgres,
            JournalConnection is { Length: > 0 } connection
                ? connection
                : throw new ArgumentException("--journal postgres needs --journal-connection (or FLEET_JOURNAL_CONNECTION)")),
        _ => throw new ArgumentOutOfRangeException(nameof(Journal), Journal, null),
    };

    /// <summary>Where other nodes fetch this node's artifacts: <see cref="AdvertiseAddress"/>, else this node's hostname and bound HTTP port.</summary>
    public Uri ArtifactBaseUrl(int boundHttpPort) =>
        AdvertiseAddress is { Length: > 0 } address
            ? Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new ArgumentException($"--advertise-address: \"{address}\" is not an http(s) URL")
            : new Uri($"http://{Hostname}:{boundHttpPort}");

    /// <summary>Seed node addresses in Akka's form.</summary>
    public IReadOnlyList<string> SeedAddresses =>
        SeedNodes.Select(s => s.Contains("://", StringComparison.Ordinal) ? s : $"akka.tcp://{ActorSystemName}@{s}").ToList();
}
