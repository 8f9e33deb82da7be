using System.Globalization;
using Fleet.Messages.Api.Meta;
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

    public int? Integer(string flag, int? fromCommandLine) =>
        fromCommandLine ?? Parsed(
            flag,
            Text(flag, null),
            (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            "a whole number");

    /// <summary>A duration in Go's syntax (<c>750ms</c>, <c>1m30s</c>), as Flux's flags take it; never negative.</summary>
    public TimeSpan? Duration(string flag, string? fromCommandLine) =>
        Parsed(
            flag,
            Text(flag, fromCommandLine),
            (string text, out TimeSpan value) =>
            {
                value = GoDuration.TryParse(text, out var duration) ? duration.Value : TimeSpan.MinValue;
                return value >= TimeSpan.Zero;
            },
            "a duration such as 750ms or 1m30s");

    /// <summary>A switch: given on the command line it is on; elsewhere <c>true</c> or <c>false</c>.</summary>
    public bool? Boolean(string flag, bool? fromCommandLine) =>
        fromCommandLine ?? Parsed(flag, Text(flag, null), (string text, out bool value) => bool.TryParse(text, out value), "true or false");

    /// <summary>A list flag: repeated or comma-separated on the command line and in the environment, an array or a comma-separated string in JSON.</summary>
    public IReadOnlyList<string>? List(string flag, IReadOnlyList<string>? fromCommandLine)
    {
        var values = fromCommandLine is { Count: > 0 } ? string.Join(',', fromCommandLine) : Text(flag, null);
        return values?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private delegate bool Parser<T>(string text, out T value);

    private static T? Parsed<T>(string flag, string? text, Parser<T> parse, string expected)
        where T : struct =>
        text is null
            ? null
            : parse(text, out var value)
                ? value
                : throw new ArgumentException($"{flag}: \"{text}\" is not {expected}");

    private string? ListFromConfiguration(string flag)
    {
        var children = configuration.GetSection(ConfigurationKey(flag)).GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return children.Count > 0 ? string.Join(',', children) : null;
    }
}
