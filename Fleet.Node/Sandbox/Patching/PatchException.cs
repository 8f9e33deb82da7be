namespace Fleet.Node.Sandbox.Patching;

/// <summary>
/// A patch that cannot be applied. Carries what the API server puts in its <c>Status</c>:
/// the HTTP code, the reason, the message and (for 422s) the underlying patch library's error as a cause.
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>The message the API server uses for a 422 caused by a patch that does not apply.</summary>
    public const string RejectedMessage = "the server rejected our request due to an error in our request";

    public PatchException(int code, string reason, string message, string? cause = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Cause = cause;
    }

    /// <summary>HTTP status code: 400 for malformed patches, 422 for patches that do not apply.</summary>
    public int Code { get; }

    /// <summary>The <c>Status.reason</c>: <c>BadRequest</c> or <c>Invalid</c>.</summary>
    public string Reason { get; }

    /// <summary>The patch library's own error text, served as <c>details.causes[0].message</c>; null for 400s.</summary>
    public string? Cause { get; }

    /// <summary>400 BadRequest: the patch document itself is malformed.</summary>
    public static PatchException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>422 Invalid: a well-formed patch that does not apply to the object.</summary>
    public static PatchException DoesNotApply(string cause) => new(422, "Invalid", RejectedMessage, cause);
}
