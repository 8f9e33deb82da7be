using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Fleet.Actors.Helm;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize;
using Fleet.Actors.Notification;
using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Serialization;
using Fleet.Actors.Sharding;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Messages.Api;
using Fleet.Node.Configuration;
using Fleet.Node.Admin;
using Fleet.Node.Http;
using Fleet.Node.Http.Webhooks;
using k8s;

namespace Fleet.Node.Hosting;

/// <summary>
/// Builds one Fleet node: the actor system (remoting, cluster, split-brain resolver, persistence,
/// serializer, one shard region per kind) and its HTTP endpoints. `fleet node` and the tests both use it.
/// </summary>
public static class FleetNodeHost
{
    /// <summary>The kinds a node reconciles: one registration per domain.</summary>
    private static readonly ReconcilerRegistry<SourceServices> Controllers = new ReconcilerRegistry<SourceServices>()
        .AddSourceControllers()
        .AddKustomizeControllers()
        .AddHelmControllers()
        .AddNotificationControllers();

    /// <summary>Builds a node with the production reconcilers; <paramref name="logging"/> may add log providers (tests read what a node logged).</summary>
    public static WebApplication Build(NodeSettings settings, EntityRuntimeSettings runtime, Action<ILoggingBuilder>? logging = null) =>
        Build(settings, Controllers.CatalogFor, runtime, logging);

    /// <summary>Builds a node whose entities use <paramref name="catalog"/> instead of the production reconcilers.</summary>
    public static WebApplication Build(NodeSettings settings, IReconcilerCatalog catalog, EntityRuntimeSettings runtime) =>
        Build(settings, _ => catalog, runtime, null);

    /// <summary>The node, with a catalog that may use the node's source services (present when it has an API server).</summary>
    private static WebApplication Build(
        NodeSettings settings,
        Func<SourceServices?, IReconcilerCatalog> catalogFor,
        EntityRuntimeSettings runtime,
        Action<ILoggingBuilder>? logging)
    {
        if (settings.Journal == JournalKind.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDir);
            SqliteJournalFile.EnableWriteAheadLog(settings.Persistence.ConnectionString);
        }
        var advertised = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (settings.HttpPort != 0 || settings.AdvertiseAddress is { Length: > 0 })
        {
            advertised.SetResult(settings.ArtifactBaseUrl(settings.HttpPort));
        }
        var store = new ArtifactStore(settings.DataDir, advertised.Task, runtime.Clock);
        SourceServices? sources = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(HttpBindAddress(settings), settings.HttpPort));
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<ShardRegions>();
        builder.Services.AddSingleton(store);
        builder.AddWebhookServer(settings, HttpBindAddress(settings), runtime.Clock);
        var watchSync = new WatchSync();
        builder.Services.AddSingleton(watchSync);
        if (ApiServerConfiguration(settings) is { } kubernetes)
        {
            watchSync.Expect(FluxKinds.All.Count);
            var client = new Kubernetes(kubernetes);
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddHostedService<ObjectWatchService>();
            var objectApi = new KubernetesObjectApi(client, runtime.Clock);
            builder.Services.AddSingleton<IObjectApi>(objectApi);
            runtime = runtime with { ObjectApi = objectApi };
            sources = new SourceServices(client, store, settings.DataDir, new HttpClient(), new ClusterClients(kubernetes, client, runtime.Clock)) { Flags = settings.Flags };
        }
        builder.AddFleetAlerting(settings, runtime, sources?.Kubernetes);
        var catalog = catalogFor(sources);
        builder.Services.AddAkka(NodeSettings.ActorSystemName, (akka, services) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLogLevel(settings.MinimumLogLevel);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddHocon(ConfigurationFactory.ParseString(settings.ExtraHocon), HoconAddMode.Prepend)
            .AddHocon(ClusterTuning(settings), HoconAddMode.Append)
            .WithRemoting(RemoteOptionsFor(settings))
            .WithClustering(new ClusterOptions
            {
                SeedNodes = [.. settings.SeedAddresses],
                Roles = [.. settings.Roles],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .AddFleetSerializer()
            .AddFleetPersistence(settings.Persistence)
            .AddFleetShardRegions(services.GetRequiredService<ShardRegions>(), catalog, runtime with { Alerts = services.GetRequiredService<IAlertDispatch>() })
            .AddStartup((system, _) => JoinAndAnnounce(system, settings)));
        builder.Services.AddFleetAdmin(settings.Admin);

        var app = builder.Build();
        app.MapWebhooks();
        if (!advertised.Task.IsCompleted)
        {
            // `--http-port 0`: the port is known once Kestrel has bound; reconciles that store an artifact wait for it.
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                try
                {
                    advertised.TrySetResult(AdvertisedOnceBound(settings, app));
                }
                catch (Exception error) when (error is InvalidOperationException or ArgumentException)
                {
                    advertised.TrySetException(error);
                }
            });
            app.Lifetime.ApplicationStopping.Register(() => advertised.TrySetCanceled());
        }
        app.MapHealth();
        app.MapArtifacts(store);
        app.MapFleetAlerting(settings);
        return app;
    }

    /// <summary>A node named by a loopback address serves HTTP on loopback only; any other on every interface.</summary>
    private static IPAddress HttpBindAddress(NodeSettings settings) => IsLoopback(settings.Hostname) ? IPAddress.Loopback : IPAddress.Any;

    private static bool IsLoopback(string hostname) =>
        IPAddress.TryParse(hostname, out var address) && IPAddress.IsLoopback(address) || hostname == "localhost";

    /// <summary>
    /// A loopback hostname is bound as it is; any other (a pod's DNS name) is advertised while remoting
    /// listens on every interface, since a pod cannot bind its own service DNS name.
    /// </summary>
    private static RemoteOptions RemoteOptionsFor(NodeSettings settings) =>
        IsLoopback(settings.Hostname)
            ? new RemoteOptions { HostName = settings.Hostname, Port = settings.Port }
            : new RemoteOptions { HostName = "0.0.0.0", PublicHostName = settings.Hostname, Port = settings.Port };

    /// <summary>The artifact base URL with the port the HTTP server bound, from the addresses it reports once started.</summary>
    private static Uri AdvertisedOnceBound(NodeSettings settings, WebApplication app)
    {
        var webhooks = app.Services.GetRequiredService<WebhookListener>().Port;
        var port = app.Urls.Select(address => new Uri(address).Port).FirstOrDefault(port => port > 0 && port != webhooks);
        return port > 0
            ? settings.ArtifactBaseUrl(port)
            : throw new InvalidOperationException($"the HTTP server reports no bound port ({string.Join(", ", app.Urls)})");
    }

    /// <summary>The API server to reconcile: the given kubeconfig, else the pod's own when in a cluster, else none.</summary>
    private static KubernetesClientConfiguration? ApiServerConfiguration(NodeSettings settings)
    {
        if (settings.Kubeconfig is { Length: > 0 } path)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        return KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig() : null;
    }

    private static Akka.Event.LogLevel AkkaLogLevel(Microsoft.Extensions.Logging.LogLevel level) => level switch
    {
        Microsoft.Extensions.Logging.LogLevel.Trace or Microsoft.Extensions.Logging.LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        Microsoft.Extensions.Logging.LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        Microsoft.Extensions.Logging.LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };

    /// <summary>
    /// Failover timing (README "Failover"): a crashed node is unreachable after about 4-5 s (heartbeat every second, 3 s
    /// of silence accepted), downed once that has been stable for <see cref="NodeSettings.StableAfter"/>, and its shards
    /// start elsewhere after <see cref="NodeSettings.DownRemovalMargin"/>, which gives a partitioned minority time to stop
    /// its own entities first.
    /// </summary>
    private static Config ClusterTuning(NodeSettings settings) => ConfigurationFactory.ParseString($$"""
        akka.cluster {
          failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 3s
          }
          # Without it the resolver waits stable-after a second time before shards and singletons move.
          down-removal-margin = {{(int)settings.DownRemovalMargin.TotalMilliseconds}}ms
          split-brain-resolver {
            stable-after = {{(int)settings.StableAfter.TotalMilliseconds}}ms
            # On Kubernetes a rolling restart looks unstable; downing every node then would stop the fleet.
            down-all-when-unstable = off
          }
        }
        """);

    private static void JoinAndAnnounce(ActorSystem system, NodeSettings settings)
    {
        var cluster = Cluster.Get(system);
        system.ActorOf(MemberUpAnnouncer.Props(settings.Roles.Count > 0 ? string.Join(",", settings.Roles) : "none"), "member-up-announcer");
        if (settings.SeedNodes.Count == 0)
        {
            // No seeds: this node forms a cluster of one (a port of 0 is only known once bound).
            cluster.Join(cluster.SelfAddress);
        }
    }
}
