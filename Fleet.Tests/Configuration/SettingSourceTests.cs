using System.Text;
using Fleet.Node.Configuration;
using Microsoft.Extensions.Configuration;

namespace Fleet.Tests.Configuration;

/// <summary>A setting comes from the flag, else FLEET_&lt;NAME&gt;, else appsettings.json's Fleet:&lt;Name&gt;.</summary>
public class SettingSourceTests
{
    [Theory]
    [InlineData("--seed-nodes", "FLEET_SEED_NODES", "Fleet:SeedNodes")]
    [InlineData("--port", "FLEET_PORT", "Fleet:Port")]
    [InlineData("--journal-connection", "FLEET_JOURNAL_CONNECTION", "Fleet:JournalConnection")]
    [InlineData("--http-port", "FLEET_HTTP_PORT", "Fleet:HttpPort")]
    [InlineData("--data-dir", "FLEET_DATA_DIR", "Fleet:DataDir")]
    public void NamesFollowTheFlag(string flag, string variable, string key)
    {
        Assert.Equal(variable, SettingSource.EnvironmentVariable(flag));
        Assert.Equal(key, SettingSource.ConfigurationKey(flag));
    }

    [Fact]
    public void TheFlagWinsOverEverything()
    {
        var source = Source("""{"Fleet": {"Hostname": "from-json"}}""", ("FLEET_HOSTNAME", "from-env"));

        Assert.Equal("from-flag", source.Text("--hostname", "from-flag"));
    }

    [Fact]
    public void TheEnvironmentWinsOverAppSettings()
    {
        var source = Source("""{"Fleet": {"Hostname": "from-json"}}""", ("FLEET_HOSTNAME", "from-env"));

        Assert.Equal("from-env", source.Text("--hostname", null));
    }

    [Fact]
    public void AppSettingsAreUsedWhenNothingElseSaysAnything()
    {
        var source = Source("""{"Fleet": {"Hostname": "from-json", "DataDir": "/var/lib/fleet"}}""");

        Assert.Equal("from-json", source.Text("--hostname", null));
        Assert.Equal("/var/lib/fleet", source.Text("--data-dir", null));
    }

    [Fact]
    public void AppSettingsKeysAreCaseInsensitive()
    {
        var source = Source("""{"fleet": {"hostname": "lower"}}""");

        Assert.Equal("lower", source.Text("--hostname", null));
    }

    [Fact]
    public void NothingSetIsNull()
    {
        var source = Source("""{"Other": {"Hostname": "elsewhere"}}""", ("HOSTNAME", "not-ours"));

        Assert.Null(source.Text("--hostname", null));
        Assert.Null(source.Integer("--port", null));
        Assert.Null(source.List("--seed-nodes", null));
        Assert.Null(source.List("--seed-nodes", []));
    }

    [Fact]
    public void IntegersFollowTheSamePrecedence()
    {
        var source = Source("""{"Fleet": {"Port": 7000, "HttpPort": 8000}}""", ("FLEET_PORT", "6000"));

        Assert.Equal(5000, source.Integer("--port", 5000));
        Assert.Equal(6000, source.Integer("--port", null));
        Assert.Equal(8000, source.Integer("--http-port", null));
        Assert.Equal(0, source.Integer("--port", 0));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12.5")]
    [InlineData("99999999999")]
    public void ABadIntegerInTheEnvironmentNamesTheFlagAndTheValue(string value)
    {
        var source = Source("{}", ("FLEET_PORT", value));

        var error = Assert.Throws<ArgumentException>(() => source.Integer("--port", null));

        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadIntegerInAppSettingsIsAnError()
    {
        var source = Source("""{"Fleet": {"HttpPort": "eighty"}}""");

        var error = Assert.Throws<ArgumentException>(() => source.Integer("--http-port", null));

        Assert.Contains("--http-port", error.Message, StringComparison.Ordinal);
        Assert.Contains("eighty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AListFlagMayBeRepeatedOrCommaSeparated()
    {
        var source = Source("""{"Fleet": {"SeedNodes": ["json:1"]}}""", ("FLEET_SEED_NODES", "env:1"));

        Assert.Equal(["a:1", "b:2", "c:3"], source.List("--seed-nodes", ["a:1,b:2", "c:3"])!);
    }

    [Fact]
    public void AListFromTheEnvironmentIsCommaSeparatedAndTrimmed()
    {
        var source = Source("""{"Fleet": {"SeedNodes": ["json:1"]}}""", ("FLEET_SEED_NODES", " a:1 , b:2,,c:3 "));

        Assert.Equal(["a:1", "b:2", "c:3"], source.List("--seed-nodes", null)!);
    }

    [Fact]
    public void AListInAppSettingsMayBeAJsonArrayInItsOrder()
    {
        var seeds = Enumerable.Range(0, 12).Select(i => $"node-{i}:4053").ToArray();
        var array = string.Join(", ", seeds.Select(s => $"\"{s}\""));
        var source = Source($$"""{"Fleet": {"SeedNodes": [{{array}}] } }""");

        Assert.Equal(seeds, source.List("--seed-nodes", null)!);
    }

    [Fact]
    public void AListInAppSettingsMayBeACommaSeparatedString()
    {
        var source = Source("""{"Fleet": {"Roles": "web, worker"}}""");

        Assert.Equal(["web", "worker"], source.List("--roles", null)!);
    }

    [Fact]
    public void AnInMemoryArrayReadsLikeAJsonArray()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fleet:Roles:0"] = "a", ["Fleet:Roles:1"] = "b" })
            .Build();

        Assert.Equal(["a", "b"], new SettingSource(configuration, _ => null).List("--roles", null)!);
    }

    [Fact]
    public void FromProcessReadsAppSettingsInTheGivenDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-settings-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"), """{"Fleet": {"Roles": ["from-file"]}}""");

            Assert.Equal(["from-file"], SettingSource.FromProcess(directory.FullName).List("--roles", null)!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FromProcessWorksWithoutAppSettings()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-settings-");
        try
        {
            Assert.Equal("x", SettingSource.FromProcess(directory.FullName).Text("--hostname", "x"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static SettingSource Source(string appSettingsJson, params (string Name, string Value)[] environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appSettingsJson)))
            .Build();
        var variables = environment.ToDictionary(e => e.Name, e => e.Value);
        return new SettingSource(configuration, name => variables.GetValueOrDefault(name));
    }
}
