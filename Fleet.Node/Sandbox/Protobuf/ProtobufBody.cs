using System.Text.Json.Nodes;

namespace Fleet.Node.Sandbox.Protobuf;

/// <summary>Decodes the Kubernetes protobuf wire format (<c>k8s\0</c> + runtime.Unknown) into the object's JSON form.</summary>
public static class ProtobufBody
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    /// <summary>Whether a Content-Type header names the Kubernetes protobuf encoding.</summary>
    public static bool IsProtobuf(string? contentType) => throw new NotSupportedException();

    /// <summary>Decodes a request body; the result carries <c>apiVersion</c> and <c>kind</c> from the envelope.</summary>
    /// <exception cref="FormatException">The body is not a valid Kubernetes protobuf message of a supported kind.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => throw new NotSupportedException();
}
