namespace Fleet.Actors.Oci;

/// <summary>A registry operation that failed; the message names the operation and address, never a credential.</summary>
public sealed class OciException(OciErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public OciErrorKind Kind { get; } = kind;
}
