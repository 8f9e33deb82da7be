namespace Fleet.Actors.Notification;

/// <summary>A Provider that cannot deliver as configured (missing token, bad address, unsupported type): trying again does not help.</summary>
public sealed class ProviderRefusedException(string message) : Exception(message);
