namespace Fleet.Actors.Sources;

/// <summary>An included GitRepository has no artifact to copy yet, or it could not be fetched; <see cref="Reason"/> is Flux's.</summary>
public sealed class IncludeUnavailableException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
