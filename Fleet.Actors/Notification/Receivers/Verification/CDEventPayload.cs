using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>
/// The checks the CDEvents SDK's schema makes that every event shares: a <c>context</c> with version, id, source, a
/// <c>dev.cdevents.&lt;subject&gt;.&lt;predicate&gt;.&lt;version&gt;</c> type and an RFC 3339 timestamp, and a <c>subject</c> with an id.
/// </summary>
public static partial class CDEventPayload
{
    /// <summary>Null when the body is a CDEvent, else why not.</summary>
    public static string? Error(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return e.Message;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object)
            {
                return "the event has no context";
            }
            foreach (var field in (string[])["version", "id", "source", "type", "timestamp"])
            {
                if (!context.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 })
                {
                    return $"context.{field} is required";
                }
            }
            if (!EventType().IsMatch(context.GetProperty("type").GetString()!))
            {
                return "context.type is not a CDEvents type";
            }
            if (!DateTimeOffset.TryParse(context.GetProperty("timestamp").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return "context.timestamp is not a timestamp";
            }
            if (!root.TryGetProperty("subject", out var subject) || subject.ValueKind != JsonValueKind.Object ||
                !subject.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 })
            {
                return "subject.id is required";
            }
            return null;
        }
    }

    [GeneratedRegex(@"^dev\.cdevents\.[a-z]+\.[a-z]+\.\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex EventType();
}
