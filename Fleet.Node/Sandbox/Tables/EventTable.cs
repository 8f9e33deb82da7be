using System.Globalization;
using System.Text.Json.Nodes;
using static Fleet.Node.Sandbox.Tables.CellText;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>The LAST SEEN, OBJECT, SOURCE and COUNT cells of an Event, as the real server prints them.</summary>
public static class EventTable
{
    public static string LastSeen(JsonObject e, DateTimeOffset now)
    {
        var at = Time(e, "series.lastObservedTime") ?? Time(e, "lastTimestamp") ?? Time(e, "eventTime");
        return at is { } seen ? HumanDuration(now - seen) : "<unknown>";
    }

    /// <summary><c>kind/name</c> of the involved object, the kind in lower case.</summary>
    public static string Target(JsonObject e)
    {
        var kind = Text(e, "involvedObject.kind").ToLowerInvariant();
        return Text(e, "involvedObject.name") is { Length: > 0 } name ? $"{kind}/{name}" : kind;
    }

    public static string Source(JsonObject e)
    {
        var component = Text(e, "source.component") is { Length: > 0 } c ? c : Text(e, "reportingComponent");
        var host = Text(e, "source.host") is { Length: > 0 } h ? h : Text(e, "reportingInstance");
        return host.Length > 0 ? $"{component}, {host}" : component;
    }

    public static string Count(JsonObject e) =>
        (Objects.JsonPath.Get(e, "series.count") is { } series ? Objects.JsonNumber.AsLong(series) ?? 0 : Number(e, "count")).ToString(CultureInfo.InvariantCulture);
}
