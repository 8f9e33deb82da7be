using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;
using Fleet.Actors.Kube;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Fleet.Node.Sandbox.Http;

/// <summary>Reads a request body into a JSON object by its Content-Type; undecodable bodies are 400, unknown types 415.</summary>
public static class RequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadAsync(context) as JsonObject ?? throw ApiStatus.BadRequest("the body of the request was not a JSON object");

    public static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        var mediaType = MediaType(context.Request.ContentType);
        return mediaType switch
        {
            "" or "application/json" or "application/merge-patch+json" or "application/json-patch+json"
                or "application/strategic-merge-patch+json" => ParseJson(bytes),
            "application/apply-patch+yaml" or "application/yaml" => ParseYaml(bytes),
            ProtobufBody.ContentType => ParseProtobuf(bytes),
            _ => throw ApiStatus.UnsupportedMediaType(mediaType),
        };
    }

    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>YAML (JSON is YAML too) with the Kubernetes scalar rules; a syntax error is 400.</summary>
    public static JsonNode? ParseYaml(byte[] bytes)
    {
        try
        {
            return YamlJson.ParseSingle(Encoding.UTF8.GetString(bytes));
        }
        catch (FormatException e)
        {
            throw ApiStatus.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    public static JsonObject ParseProtobuf(byte[] bytes)
    {
        try
        {
            return ProtobufBody.Decode(bytes);
        }
        catch (FormatException e)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded as protobuf: {e.Message}");
        }
    }

    public static JsonNode? ParseJson(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw ApiStatus.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }
    }
}
