using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Notification;

/// <summary>Kubernetes' <c>metav1.Time</c> form: RFC 3339 in UTC to the second (<c>2026-12-08T03:20:49Z</c>).</summary>
public sealed class Rfc3339SecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("expected a timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
