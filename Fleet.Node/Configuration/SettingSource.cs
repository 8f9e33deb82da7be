using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Fleet.Node.Configuration;

/// <summary>
/// Resolves a setting the way .NET operators expect: the command-line flag wins, then the environment
/// variable <c>FLEET_&lt;NAME&gt;</c>, then <c>Fleet:&lt;Name&gt;</c> in appsettings.json, then the default.
/// </summary>
public sealed class SettingSource(IConfiguration configuration, Func<string, string?> environment)
{
    public static SettingSource FromProcess(string directory) => new(
        new ConfigurationBuilder().SetBasePath(directory).AddJsonFile("appsettings.json", optional: true).Build(),
        Environment.GetEnvironmentVariable);

    /// <summary>The environment variable of a flag: <c>--seed-nodes</c> → <c>FLEET_SEED_NODES</c>.</summary>
    public static string EnvironmentVariable(string flag) => "FLEET_" + flag.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    /// <summary>The appsettings.json key of a flag: <c>--seed-nodes</c> → <c>Fleet:SeedNodes</c>.</summary>
    public static string ConfigurationKey(string flag) =>
        "Fleet:" + string.Concat(flag.TrimStart('-').Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public string? Text(string flag, string? fromCommandLine) =>
        fromCommandLine
        ?? environment(EnvironmentVariable(flag))
        ?? ListFromConfiguration(flag)
        ?? configuration[ConfigurationKey(flag)];

    public int? Integer(string flag, int? fromCommandLine)
    {
        if (fromCommandLine is not null)
        {
            return fromCommandLine;
        }
        var text = Text(flag, null);
        return text is null
            ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"{flag}: \"{text}\" is not a whole number");
    }

    /// <summary>A list flag: repeated or comma-separated on the command line and in the environment, an array or a comma-separated string in JSON.</summary>
    public IReadOnlyList<string>? List(string flag, IReadOnlyList<string>? fromCommandLine)
    {
        var values = fromCommandLine is { Count: > 0 } ? string.Join(',', fromCommandLine) : Text(flag, null);
        return values?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private string? ListFromConfiguration(string flag)
    {
        var children = configuration.GetSection(ConfigurationKey(flag)).GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return children.Count > 0 ? string.Join(',', children) : null;
    }
}
