using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Messages.Api.Meta;

/// <summary>Reads and writes <see cref="GoDuration"/> as its text.</summary>
public sealed class GoDurationJsonConverter : JsonConverter<GoDuration>
{
    public override GoDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a duration must be a string such as \"1m30s\"");
        }
        var text = reader.GetString();
        return GoDuration.TryParse(text, out var duration) ? duration : throw new JsonException($"invalid duration \"{text}\"");
    }

    public override void Write(Utf8JsonWriter writer, GoDuration value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
}
