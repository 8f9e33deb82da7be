using System.Text;
using Fleet.Actors.Persistence;
using Fleet.Actors.Reconciliation;
using Fleet.Node.Commands;
using Fleet.Node.Configuration;
using Microsoft.Extensions.Configuration;

namespace Fleet.Tests.Commands;

/// <summary><c>fleet node</c>'s settings from flags, FLEET_ variables and appsettings.json.</summary>
public class NodeCommandTests
{
    [Fact]
    public void WithNothingSetTheDefaultsApply()
    {
        var settings = Resolve([]);

        var defaults = new NodeSettings();
        Assert.Equal(defaults.Hostname, settings.Hostname);
        Assert.Equal(4053, settings.Port);
        Assert.Empty(settings.SeedNodes);
        Assert.Empty(settings.Roles);
        Assert.Equal(defaults.DataDir, settings.DataDir);
        Assert.Equal(JournalKind.Sqlite, settings.Journal);
        Assert.Null(settings.JournalConnection);
        Assert.Equal(9090, settings.HttpPort);
        Assert.Equal(9292, settings.WebhookPort);
        Assert.Null(settings.AdvertiseAddress);
        Assert.Equal(64, settings.Concurrent);
    }

    [Fact]
    public void EveryFlagIsRead()
    {
        var settings = Resolve(
        [
            "--hostname", "10.0.0.5", "--port", "0", "--seed-nodes", "10.0.0.1:4053,10.0.0.2:4053", "--roles", "web",
            "--data-dir", "/var/lib/fleet", "--journal", "postgres", "--journal-connection", "Host=db;Database=fleet",
            "--http-port", "8080", "--advertise-address", "http://fleet-0.fleet:8080", "--concurrent", "40",
            "--webhook-port", "9393",
        ]);

        Assert.Equal("10.0.0.5", settings.Hostname);
        Assert.Equal(0, settings.Port);
        Assert.Equal(["10.0.0.1:4053", "10.0.0.2:4053"], settings.SeedNodes);
        Assert.Equal(["web"], settings.Roles);
        Assert.Equal("/var/lib/fleet", settings.DataDir);
        Assert.Equal(JournalKind.Postgres, settings.Journal);
        Assert.Equal("Host=db;Database=fleet", settings.JournalConnection);
        Assert.Equal(8080, settings.HttpPort);
        Assert.Equal("http://fleet-0.fleet:8080", settings.AdvertiseAddress);
        Assert.Equal(40, settings.Concurrent);
        Assert.Equal(9393, settings.WebhookPort);
    }

    [Theory]
    [InlineData("--seed-nodes", "a:1", "--seed-nodes", "b:2")]
    [InlineData("--seed-nodes", "a:1", "b:2", "--port", "1")]
    [InlineData("--seed-nodes", "a:1, b:2", "--port", "1")]
    public void SeedNodesMayBeRepeatedSpaceOrCommaSeparated(params string[] args)
    {
        Assert.Equal(["a:1", "b:2"], Resolve(args).SeedNodes);
    }

    [Fact]
    public void EveryFlagCanComeFromTheEnvironment()
    {
        var settings = Resolve(
            [],
            environment: new()
            {
                ["FLEET_HOSTNAME"] = "node-a",
                ["FLEET_PORT"] = "5001",
                ["FLEET_SEED_NODES"] = "node-a:5001,node-b:5001",
                ["FLEET_ROLES"] = "web,worker",
                ["FLEET_DATA_DIR"] = "/data",
                ["FLEET_JOURNAL"] = "postgres",
                ["FLEET_JOURNAL_CONNECTION"] = "Host=db",
                ["FLEET_HTTP_PORT"] = "0",
                ["FLEET_ADVERTISE_ADDRESS"] = "https://node-a.example",
                ["FLEET_CONCURRENT"] = "4",
            });

        Assert.Equal("node-a", settings.Hostname);
        Assert.Equal(5001, settings.Port);
        Assert.Equal(["node-a:5001", "node-b:5001"], settings.SeedNodes);
        Assert.Equal(["web", "worker"], settings.Roles);
        Assert.Equal("/data", settings.DataDir);
        Assert.Equal(JournalKind.Postgres, settings.Journal);
        Assert.Equal("Host=db", settings.JournalConnection);
        Assert.Equal(0, settings.HttpPort);
        Assert.Equal("https://node-a.example", settings.AdvertiseAddress);
        Assert.Equal(4, settings.Concurrent);
    }

    [Fact]
    public void EveryFlagCanComeFromAppSettings()
    {
        var settings = Resolve(
            [],
            appSettings: """
                {
                  "Fleet": {
                    "Hostname": "node-c",
                    "Port": 5002,
                    "SeedNodes": ["node-c:5002", "node-d:5002"],
                    "Roles": "web",
                    "DataDir": "/srv/fleet",
                    "Journal": "postgresql",
                    "JournalConnection": "Host=pg",
                    "HttpPort": 9191,
                    "AdvertiseAddress": "http://node-c:9191",
                    "Concurrent": 8
                  }
                }
                """);

        Assert.Equal("node-c", settings.Hostname);
        Assert.Equal(5002, settings.Port);
        Assert.Equal(["node-c:5002", "node-d:5002"], settings.SeedNodes);
        Assert.Equal(["web"], settings.Roles);
        Assert.Equal("/srv/fleet", settings.DataDir);
        Assert.Equal(JournalKind.Postgres, settings.Journal);
        Assert.Equal("Host=pg", settings.JournalConnection);
        Assert.Equal(9191, settings.HttpPort);
        Assert.Equal("http://node-c:9191", settings.AdvertiseAddress);
        Assert.Equal(8, settings.Concurrent);
    }

    [Fact]
    public void FlagsBeatTheEnvironmentWhichBeatsAppSettings()
    {
        var settings = Resolve(
            ["--port", "1111", "--roles", "flag-role"],
            environment: new() { ["FLEET_PORT"] = "2222", ["FLEET_HTTP_PORT"] = "3333", ["FLEET_ROLES"] = "env-role", ["FLEET_SEED_NODES"] = "env:1" },
            appSettings: """{"Fleet": {"Port": 4444, "HttpPort": 5555, "Hostname": "json-host", "SeedNodes": ["json:1"], "Roles": ["json-role"]}}""");

        Assert.Equal(1111, settings.Port);
        Assert.Equal(3333, settings.HttpPort);
        Assert.Equal("json-host", settings.Hostname);
        Assert.Equal(["flag-role"], settings.Roles);
        Assert.Equal(["env:1"], settings.SeedNodes);
    }

    [Theory]
    [InlineData("sqlite", JournalKind.Sqlite)]
    [InlineData("SQLite", JournalKind.Sqlite)]
    [InlineData("postgres", JournalKind.Postgres)]
    [InlineData("Postgres", JournalKind.Postgres)]
    [InlineData("postgresql", JournalKind.Postgres)]
    public void JournalKindsAreReadWhateverTheirCase(string text, JournalKind expected)
    {
        Assert.Equal(expected, Resolve(["--journal", text]).Journal);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("sqlite3")]
    public void AnUnknownJournalKindIsAClearError(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve([], environment: new() { ["FLEET_JOURNAL"] = text }));

        Assert.Contains("--journal", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite, postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadPortFromTheEnvironmentIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve([], environment: new() { ["FLEET_PORT"] = "four" }));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"four\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadHttpPortFromAppSettingsIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve([], appSettings: """{"Fleet": {"HttpPort": "x"}}"""));

        Assert.Contains("--http-port", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "four")]
    [InlineData("--http-port", "1.5")]
    public void ABadIntegerFlagIsAParseError(string flag, string value)
    {
        var parse = NodeCommand.Create().Parse([flag, value]);

        Assert.NotEmpty(parse.Errors);
    }

    [Fact]
    public void AnUnknownFlagIsAParseError()
    {
        Assert.NotEmpty(NodeCommand.Create().Parse(["--seeds", "a:1"]).Errors);
    }

    [Fact]
    public void FluxsControllerFlagsDefaultAsInFlux()
    {
        var settings = Resolve([]);

        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.MinRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.MaxRetryDelay);
        Assert.Equal(new ControllerFlags { RequeueDependency = TimeSpan.FromSeconds(30) }, settings.Flags);
    }

    [Fact]
    public void FluxsControllerFlagsAreReadInGoDurationSyntax()
    {
        var settings = Resolve(
        [
            "--requeue-dependency", "5s", "--min-retry-delay", "1.5s", "--max-retry-delay", "1h30m",
            "--no-cross-namespace-refs", "--default-service-account", "reconciler", "--no-remote-bases",
        ]);

        Assert.Equal(TimeSpan.FromSeconds(1.5), settings.MinRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(90), settings.MaxRetryDelay);
        Assert.Equal(
            new ControllerFlags { RequeueDependency = TimeSpan.FromSeconds(5), NoCrossNamespaceRefs = true, DefaultServiceAccount = "reconciler", NoRemoteBases = true },
            settings.Flags);
    }

    [Fact]
    public void FluxsControllerFlagsCanComeFromTheEnvironmentAndAppSettings()
    {
        var settings = Resolve(
            ["--no-remote-bases", "false"],
            environment: new()
            {
                ["FLEET_REQUEUE_DEPENDENCY"] = "10s",
                ["FLEET_MIN_RETRY_DELAY"] = "2s",
                ["FLEET_NO_CROSS_NAMESPACE_REFS"] = "true",
                ["FLEET_NO_REMOTE_BASES"] = "true",
            },
            appSettings: """{"Fleet": {"MaxRetryDelay": "5m", "DefaultServiceAccount": "default", "MinRetryDelay": "9s"}}""");

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)), (settings.MinRetryDelay, settings.MaxRetryDelay));
        Assert.Equal(
            new ControllerFlags { RequeueDependency = TimeSpan.FromSeconds(10), NoCrossNamespaceRefs = true, DefaultServiceAccount = "default" },
            settings.Flags);
    }

    [Theory]
    [InlineData("FLEET_MIN_RETRY_DELAY", "750", "--min-retry-delay")]
    [InlineData("FLEET_REQUEUE_DEPENDENCY", "-5s", "--requeue-dependency")]
    [InlineData("FLEET_NO_REMOTE_BASES", "yes", "--no-remote-bases")]
    public void ABadDurationOrSwitchIsAClearError(string variable, string value, string flag)
    {
        var error = Assert.Throws<ArgumentException>(() => Resolve([], environment: new() { [variable] = value }));

        Assert.Contains(flag, error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", error.Message, StringComparison.Ordinal);
    }

    private static NodeSettings Resolve(string[] args, Dictionary<string, string>? environment = null, string appSettings = "{}")
    {
        var parse = NodeCommand.Create().Parse(args);
        Assert.Empty(parse.Errors);
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appSettings)))
            .Build();
        var variables = environment ?? [];
        return NodeCommand.Resolve(parse, new SettingSource(configuration, name => variables.GetValueOrDefault(name)));
    }

    [Fact]
    public void ArtifactUrlsUseTheAdvertisedAddressElseTheHostnameAndBoundPort()
    {
        Assert.Equal(new Uri("http://node-a:34567"), (new NodeSettings { Hostname = "node-a", HttpPort = 0 }).ArtifactBaseUrl(34567));
        Assert.Equal(new Uri("https://fleet.example/a"), (new NodeSettings { AdvertiseAddress = "https://fleet.example/a" }).ArtifactBaseUrl(9090));
        Assert.Throws<ArgumentException>(() => new NodeSettings { AdvertiseAddress = "fleet-0:9090" }.ArtifactBaseUrl(9090));
    }
}
