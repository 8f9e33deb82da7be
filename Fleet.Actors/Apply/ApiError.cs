using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Fleet.Actors.Apply;

/// <summary>An API server's refusal: HTTP status, the Status reason and its message.</summary>
public sealed record ApiError(HttpStatusCode Code, string Reason, string Message)
{
    public bool IsNotFound => Code == HttpStatusCode.NotFound;

    /// <summary>
    /// Flux's test for an update the API server refuses because of an immutable field: 409 Conflict or 422 Invalid,
    /// or a message saying so (admission webhooks and CEL rules answer with other codes).
    /// </summary>
    public bool IsImmutable =>
        Code is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
        || Message.Contains("is immutable", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("immutable field", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the Status body of a failed request; falls back to the HTTP reason when there is none.</summary>
    public static ApiError From(HttpOperationException error)
    {
        var response = error.Response;
        var reason = response.ReasonPhrase ?? response.StatusCode.ToString();
        var message = string.IsNullOrWhiteSpace(response.Content) ? error.Message : response.Content;
        try
        {
            using var status = JsonDocument.Parse(response.Content ?? "");
            if (status.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (status.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString() ?? message;
                }

                if (status.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                {
                    reason = r.GetString() ?? reason;
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status document (a proxy's error page): the raw text is the best message there is.
        }

        return new ApiError(response.StatusCode, reason, message);
    }
}
