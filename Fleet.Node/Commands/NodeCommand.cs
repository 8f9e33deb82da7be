using System.CommandLine;
using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Node.Configuration;
using Fleet.Node.Hosting;

namespace Fleet.Node.Commands;

/// <summary><c>fleet node</c>: run one cluster member until Ctrl-C.</summary>
public static class NodeCommand
{
    private static readonly Option<string?> Hostname = new("--hostname") { Description = "Address other nodes reach this node at [FLEET_HOSTNAME; default 127.0.0.1]" };
    private static readonly Option<int?> Port = new("--port") { Description = "Akka remoting port, 0 for a free one [FLEET_PORT; default 4053]" };
    private static readonly Option<string[]> SeedNodes = new("--seed-nodes") { Description = "Seed nodes, host:port, comma-separated; none forms a cluster of one [FLEET_SEED_NODES]", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Roles = new("--roles") { Description = "Cluster roles of this node, comma-separated [FLEET_ROLES]", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Directory for the SQLite journal and working files [FLEET_DATA_DIR; default .fleet/data]" };
    private static readonly Option<string?> Journal = new("--journal") { Description = "Journal store: sqlite or postgres [FLEET_JOURNAL; default sqlite]" };
    private static readonly Option<string?> JournalConnection = new("--journal-connection") { Description = "Journal connection string (required for postgres) [FLEET_JOURNAL_CONNECTION]" };
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "Kubeconfig of the API server to reconcile; in a pod the in-cluster config is used [FLEET_KUBECONFIG]" };
    private static readonly Option<int?> HttpPort = new("--http-port") { Description = "HTTP port for /healthz and artifacts, 0 for a free one [FLEET_HTTP_PORT; default 9090]" };
    private static readonly Option<int?> WebhookPort = new("--webhook-port") { Description = "HTTP port of the webhook receivers (/hook/...), 0 for a free one [FLEET_WEBHOOK_PORT; default 9292]" };
    private static readonly Option<int?> Concurrent = new("--concurrent") { Description = $"Reconciles of one kind run at once on this node [FLEET_CONCURRENT; default {ReconcileSlots.DefaultPerKind}]" };
    private static readonly Option<string?> RequeueDependency = new("--requeue-dependency") { Description = "How soon a run that waits for a source artifact or a dependency tries again [FLEET_REQUEUE_DEPENDENCY; default 30s]" };
    private static readonly Option<string?> MinRetryDelay = new("--min-retry-delay") { Description = "First retry delay of sources and other kinds that back off, doubled per failure [FLEET_MIN_RETRY_DELAY; default 750ms]" };
    private static readonly Option<string?> MaxRetryDelay = new("--max-retry-delay") { Description = "Longest retry delay of kinds that back off [FLEET_MAX_RETRY_DELAY; default 15m]" };
    private static readonly Option<bool?> NoCrossNamespaceRefs = new("--no-cross-namespace-refs") { Description = "Refuse references to objects in other namespaces [FLEET_NO_CROSS_NAMESPACE_REFS; default false]" };
    private static readonly Option<string?> DefaultServiceAccount = new("--default-service-account") { Description = "Service account to impersonate when an object names none [FLEET_DEFAULT_SERVICE_ACCOUNT]" };
    private static readonly Option<bool?> NoRemoteBases = new("--no-remote-bases") { Description = "Refuse kustomizations with remote bases [FLEET_NO_REMOTE_BASES; default false]" };
    private static readonly Option<string?> EventsAddr = new("--events-addr") { Description = "Address Flux's controllers post events to, host:port or :port [FLEET_EVENTS_ADDR; default POST / on the HTTP port]" };
    private static readonly Option<string?> RateLimitInterval = new("--rate-limit-interval") { Description = "Duplicate events within this interval are sent once [FLEET_RATE_LIMIT_INTERVAL; default 5m]" };
    private static readonly Option<string?> AdvertiseAddress = new("--advertise-address") { Description = "Base URL other nodes fetch this node's artifacts from [FLEET_ADVERTISE_ADDRESS; default http://<hostname>:<http port>]" };

    private static readonly Option<int?> AdminPort = new("--admin-port") { Description = "Serve the admin API on this port, 0 for a free one; off when not given [FLEET_ADMIN_PORT]" };

    private static readonly Option<string?> AdminAddress = new("--admin-address") { Description = "Address the admin API binds [FLEET_ADMIN_ADDRESS; default 127.0.0.1]" };

    private static readonly Option<string?> AdminTokenFile = new("--admin-token-file") { Description = "File with the admin API's read-write bearer token, e.g. a mounted Secret [FLEET_ADMIN_TOKEN_FILE]" };

    private static readonly Option<string?> AdminReadTokenFile = new("--admin-read-token-file") { Description = "File with a read-only admin bearer token [FLEET_ADMIN_READ_TOKEN_FILE]" };

    public static Command Create()
    {
        var command = new Command("node", "Run one Fleet cluster member until Ctrl-C.")
        {
            Hostname, Port, SeedNodes, Roles, DataDir, Journal, JournalConnection, Kubeconfig, HttpPort, AdvertiseAddress, Concurrent,
            RequeueDependency, MinRetryDelay, MaxRetryDelay, NoCrossNamespaceRefs, DefaultServiceAccount, NoRemoteBases, WebhookPort,
            AdminPort, AdminAddress, AdminTokenFile, AdminReadTokenFile,
            EventsAddr, RateLimitInterval,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            NodeSettings settings;
            try
            {
                settings = Resolve(parse, SettingSource.FromProcess(Directory.GetCurrentDirectory()));
                _ = settings.Persistence;
                _ = settings.ArtifactBaseUrl(settings.HttpPort);
                if (settings.Admin.Port is not null)
                {
                    _ = Fleet.Node.Admin.AdminTokens.Load(settings.Admin);
                }
                if (settings.Concurrent < 1)
                {
                    throw new ArgumentException($"--concurrent must be at least 1, not {settings.Concurrent}");
                }
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"fleet node: {e.Message}");
                return 2;
            }
            await using var app = FleetNodeHost.Build(settings, new EntityRuntimeSettings
            {
                Slots = new ReconcileSlots(settings.Concurrent),
                Schedule = ReconcileSchedule.WithRetryDelays(settings.MinRetryDelay, settings.MaxRetryDelay),
            });
            // Start-up runs to its end even when Ctrl-C comes early, so the node then leaves as cleanly as ever.
            await app.StartAsync(CancellationToken.None);
            // Ctrl-C reaches either the command line's token or, once the host has started, the host's own console
            // lifetime; both end here.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
            // Leaves the cluster and hands its shards over before the process ends.
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    public static NodeSettings Resolve(ParseResult parse, SettingSource source)
    {
        var defaults = new NodeSettings();
        var journal = source.Text("--journal", parse.GetValue(Journal));
        return defaults with
        {
            Hostname = source.Text("--hostname", parse.GetValue(Hostname)) ?? defaults.Hostname,
            Port = source.Integer("--port", parse.GetValue(Port)) ?? defaults.Port,
            SeedNodes = source.List("--seed-nodes", parse.GetValue(SeedNodes)) ?? defaults.SeedNodes,
            Roles = source.List("--roles", parse.GetValue(Roles)) ?? defaults.Roles,
            DataDir = source.Text("--data-dir", parse.GetValue(DataDir)) ?? defaults.DataDir,
            Journal = journal is null ? defaults.Journal : ParseJournal(journal),
            JournalConnection = source.Text("--journal-connection", parse.GetValue(JournalConnection)),
            Kubeconfig = source.Text("--kubeconfig", parse.GetValue(Kubeconfig)),
            HttpPort = source.Integer("--http-port", parse.GetValue(HttpPort)) ?? defaults.HttpPort,
            Admin = new Fleet.Node.Admin.AdminSettings
            {
                Port = source.Integer("--admin-port", parse.GetValue(AdminPort)),
                Address = source.Text("--admin-address", parse.GetValue(AdminAddress)) ?? defaults.Admin.Address,
                TokenFile = source.Text("--admin-token-file", parse.GetValue(AdminTokenFile)),
                ReadTokenFile = source.Text("--admin-read-token-file", parse.GetValue(AdminReadTokenFile)),
            },
            AdvertiseAddress = source.Text("--advertise-address", parse.GetValue(AdvertiseAddress)),
            WebhookPort = source.Integer("--webhook-port", parse.GetValue(WebhookPort)) ?? defaults.WebhookPort,
            EventsAddr = source.Text("--events-addr", parse.GetValue(EventsAddr)),
            RateLimitInterval = source.Duration("--rate-limit-interval", parse.GetValue(RateLimitInterval)) ?? defaults.RateLimitInterval,
            Concurrent = source.Integer("--concurrent", parse.GetValue(Concurrent)) ?? defaults.Concurrent,
            MinRetryDelay = source.Duration("--min-retry-delay", parse.GetValue(MinRetryDelay)) ?? defaults.MinRetryDelay,
            MaxRetryDelay = source.Duration("--max-retry-delay", parse.GetValue(MaxRetryDelay)) ?? defaults.MaxRetryDelay,
            Flags = new ControllerFlags
            {
                RequeueDependency = source.Duration("--requeue-dependency", parse.GetValue(RequeueDependency)) ?? defaults.Flags.RequeueDependency,
                NoCrossNamespaceRefs = source.Boolean("--no-cross-namespace-refs", parse.GetValue(NoCrossNamespaceRefs)) ?? defaults.Flags.NoCrossNamespaceRefs,
                DefaultServiceAccount = source.Text("--default-service-account", parse.GetValue(DefaultServiceAccount)) ?? defaults.Flags.DefaultServiceAccount,
                NoRemoteBases = source.Boolean("--no-remote-bases", parse.GetValue(NoRemoteBases)) ?? defaults.Flags.NoRemoteBases,
            },
        };
    }

    private static JournalKind ParseJournal(string text) => text.ToLowerInvariant() switch
    {
        "sqlite" => JournalKind.Sqlite,
        "postgres" or "postgresql" => JournalKind.Postgres,
        _ => throw new ArgumentException($"--journal: \"{text}\" is not one of sqlite, postgres"),
    };
}
