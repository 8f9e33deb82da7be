using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>Writes JSON bodies and Status errors.</summary>
public static class JsonResponse
{
    public static async Task WriteAsync(HttpContext context, int code, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }
}
