namespace Fleet.Actors.Sources.Git;

/// <summary>
/// A git fetch that failed for a reason a person can act on; <see cref="Reason"/> is Flux's condition
/// reason (AuthenticationFailed, GitOperationFailed, URLInvalid). Messages never carry credentials.
/// </summary>
public sealed class GitFetchException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
