using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Fleet.Actors.Kube;
using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Actors.Serialization;
using Fleet.Actors.Sharding;
using Fleet.Actors.Sources;
using Fleet.Actors.Sources.Artifacts;
using Fleet.Node.Configuration;
using Fleet.Node.Http;
using k8s;

namespace Fleet.Node.Hosting;

/// <summary>
/// Builds one Fleet node: the actor system (remoting, cluster, split-brain resolver, persistence,
/// serializer, one shard region per kind) and its HTTP endpoints. `fleet node` and the tests both use it.
/// </summary>
public static class FleetNodeHost
{
    public static WebApplication Build(NodeSettings settings, IReconcilerCatalog catalog, EntityRuntimeSettings runtime) =>
        Build(settings, _ => catalog, runtime);

    /// <summary>Builds a node whose catalog may use the node's source services (present when it has an API server).</summary>
    public static WebApplication Build(NodeSettings settings, Func<SourceServices?, IReconcilerCatalog> catalogFor, EntityRuntimeSettings runtime)
    {
        if (settings.Journal == JournalKind.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDir);
            SqliteJournalFile.EnableWriteAheadLog(settings.Persistence.ConnectionString);
        }
        var httpPort = settings.HttpPort == 0 ? FreeHttpPort() : settings.HttpPort;
        var store = new ArtifactStore(settings.DataDir, settings.ArtifactBaseUrl(httpPort));
        SourceServices? sources = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, httpPort));
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Services.AddSingleton<ShardRegions>();
        if (ApiServerConfiguration(settings) is { } kubernetes)
        {
            var client = new Kubernetes(kubernetes);
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddHostedService<ObjectWatchService>();
            runtime = runtime with { ObjectApi = new KubernetesObjectApi(client) };
            sources = new SourceServices(client, store, settings.DataDir, new HttpClient(), new ClusterClients(kubernetes, client));
        }
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
            .AddFleetShardRegions(services.GetRequiredService<ShardRegions>(), catalog, runtime)
            .AddStartup((system, _) => JoinAndAnnounce(system, settings)));

        var app = builder.Build();
        app.MapGet("/healthz", (ActorSystem system) =>
            Cluster.Get(system).SelfMember.Status == MemberStatus.Up ? Results.Ok("up") : Results.StatusCode(503));
        app.MapArtifacts(store);
        return app;
    }

    /// <summary>
    /// A loopback hostname is bound as it is; any other (a pod's DNS name) is advertised while remoting
    /// listens on every interface, since a pod cannot bind its own service DNS name.
    /// </summary>
    private static RemoteOptions RemoteOptionsFor(NodeSettings settings) =>
        IPAddress.TryParse(settings.Hostname, out var address) && IPAddress.IsLoopback(address) || settings.Hostname == "localhost"
            ? new RemoteOptions { HostName = settings.Hostname, Port = settings.Port }
            : new RemoteOptions { HostName = "0.0.0.0", PublicHostName = settings.Hostname, Port = settings.Port };

    /// <summary>
    /// Picks the port for `--http-port 0` before Kestrel binds, so that artifact URLs can name it from the first
    /// reconcile on (hosted services, and so entities, start before the server binds).
    /// </summary>
    private static int FreeHttpPort()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

    private static Config ClusterTuning(NodeSettings settings) => ConfigurationFactory.ParseString($$"""
        akka.cluster.split-brain-resolver {
          stable-after = {{(int)settings.StableAfter.TotalMilliseconds}}ms
          # On Kubernetes a rolling restart looks unstable; downing every node then would stop the fleet.
          down-all-when-unstable = off
        }
        """);

    private static void JoinAndAnnounce(ActorSystem system, NodeSettings settings)
    {
        var cluster = Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => system.Log.Info(
            "Fleet node {0} is up (roles: {1}; cluster of {2})",
            cluster.SelfAddress,
            settings.Roles.Count > 0 ? string.Join(",", settings.Roles) : "none",
            cluster.State.Members.Count));
        if (settings.SeedNodes.Count == 0)
        {
            // No seeds: this node forms a cluster of one (a port of 0 is only known once bound).
            cluster.Join(cluster.SelfAddress);
        }
    }
}
