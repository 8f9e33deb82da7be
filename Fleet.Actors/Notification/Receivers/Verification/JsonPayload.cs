using System.Text.Json;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>Decodes a registry's notification as Flux does before accepting it: a body that is not the expected JSON is refused.</summary>
public static class JsonPayload
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Null when the body decodes as <typeparamref name="T"/> (Go's decoder also takes <c>null</c>), else why not.</summary>
    public static string? Error<T>(byte[] body)
    {
        try
        {
            JsonSerializer.Deserialize<T>(body, Options);
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }
}
