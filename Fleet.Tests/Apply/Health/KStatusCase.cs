using System.Text.Json.Nodes;
using Fleet.Actors.Apply.Health;

namespace Fleet.Tests.Apply.Health;

/// <summary>
/// Shared shape of the kstatus rule tables: an object written as JSON with single quotes (for legibility) and the
/// status, reason and message kstatus gives it at <see cref="Now"/>.
/// </summary>
public static class KStatusCase
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 1, 0, TimeSpan.Zero);

    public static JsonObject Parse(string json) => JsonNode.Parse(json.Replace('\'', '"'))!.AsObject();

    public static void Check(string rule, string json, HealthStatus status, string reason, string message)
    {
        var expected = new ObjectHealth(status, reason, message);
        var actual = KStatus.Compute(Parse(json), Now);
        Assert.True(expected == actual, $"{rule}: expected {expected}, got {actual}");
    }
}
