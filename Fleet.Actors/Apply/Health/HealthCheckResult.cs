namespace Fleet.Actors.Apply.Health;

/// <summary>
/// The outcome of a health wait: healthy or not, Flux's error text when not (empty when healthy), and the last
/// status seen for each object, in the order they were asked for.
/// </summary>
public sealed record HealthCheckResult(bool Healthy, string Message, IReadOnlyList<(ObjectRef Object, ObjectHealth Health)> Objects);
