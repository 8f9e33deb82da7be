using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Api;

/// <summary>A request failure that the server reports as a Kubernetes <c>Status</c> body.</summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => ApiStatus.Failure(Code, Reason, Message, Details);
}
