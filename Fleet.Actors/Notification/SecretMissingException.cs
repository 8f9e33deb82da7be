namespace Fleet.Actors.Notification;

/// <summary>A Provider's secret is not there (yet): worth trying again, since it may be created after the Provider.</summary>
public sealed class SecretMissingException(string message) : Exception(message);
