namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Fetching from a chart repository or registry failed, or its Secret could not be used; <see cref="Reason"/> is Flux's
/// (Failed, AuthenticationFailed, URLInvalid, IndexationFailed) and the message says what to fix, without credentials.
/// </summary>
public sealed class HelmFetchException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;

    /// <summary>Whether only a new spec can fix it (a URL that does not parse), so the object stalls.</summary>
    public bool Stalling { get; init; }

    /// <summary>The server answered 401 or 403: the credentials are wrong or missing.</summary>
    public bool Unauthorized { get; init; }
}
