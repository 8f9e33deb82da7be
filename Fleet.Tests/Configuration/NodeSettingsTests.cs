using Fleet.Actors.Persistence;
using Fleet.Node.Configuration;

namespace Fleet.Tests.Configuration;

/// <summary>Seed addresses and the journal a node's settings lead to.</summary>
public class NodeSettingsTests
{
    [Fact]
    public void HostAndPortSeedsBecomeAkkaAddressesOfTheFleetSystem()
    {
        var settings = new NodeSettings { SeedNodes = ["10.0.0.1:4053", "node-b:5000"] };

        Assert.Equal(["akka.tcp://fleet@10.0.0.1:4053", "akka.tcp://fleet@node-b:5000"], settings.SeedAddresses);
    }

    [Fact]
    public void FullAkkaAddressesAreKept()
    {
        var settings = new NodeSettings { SeedNodes = ["akka.tcp://fleet@10.0.0.1:4053", "node-b:5000"] };

        Assert.Equal(["akka.tcp://fleet@10.0.0.1:4053", "akka.tcp://fleet@node-b:5000"], settings.SeedAddresses);
    }

    [Fact]
    public void NoSeedsMeansNoSeedAddresses()
    {
        Assert.Empty(new NodeSettings().SeedAddresses);
    }

    [Fact]
    public void SqliteLivesInTheDataDirectoryByDefault()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "fleet-data");

        var persistence = new NodeSettings { DataDir = dataDir }.Persistence;

        Assert.Equal(JournalKind.Sqlite, persistence.Journal);
        Assert.Equal($"Data Source={Path.Combine(dataDir, "fleet.db")}", persistence.ConnectionString);
        Assert.Equal("SQLite.MS", persistence.ProviderName);
    }

    [Fact]
    public void ARelativeDataDirectoryBecomesAnAbsolutePath()
    {
        var persistence = new NodeSettings { DataDir = Path.Combine(".fleet", "data") }.Persistence;

        Assert.Equal($"Data Source={Path.Combine(Directory.GetCurrentDirectory(), ".fleet", "data", "fleet.db")}", persistence.ConnectionString);
    }

    [Fact]
    public void SqliteMayBeGivenItsOwnConnection()
    {
        var persistence = new NodeSettings { JournalConnection = "Data Source=/tmp/other.db" }.Persistence;

        Assert.Equal(new PersistenceSettings(JournalKind.Sqlite, "Data Source=/tmp/other.db"), persistence);
    }

    [Fact]
    public void PostgresUsesItsConnection()
    {
        var persistence = new NodeSettings { Journal = JournalKind.Postgres, JournalConnection = "Host=db;Database=fleet" }.Persistence;

        Assert.Equal(new PersistenceSettings(JournalKind.Postgres, "Host=db;Database=fleet"), persistence);
        Assert.Equal("PostgreSQL.15", persistence.ProviderName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void PostgresWithoutAConnectionIsAClearError(string? connection)
    {
        var settings = new NodeSettings { Journal = JournalKind.Postgres, JournalConnection = connection };

        var error = Assert.Throws<ArgumentException>(() => settings.Persistence);

        Assert.Contains("--journal-connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("FLEET_JOURNAL_CONNECTION", error.Message, StringComparison.Ordinal);
    }
}
