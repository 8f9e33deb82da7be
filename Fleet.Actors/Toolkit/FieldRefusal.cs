namespace Fleet.Actors.Toolkit;

/// <summary>
/// Why a spec is refused: every unsupported field it sets (<see cref="Settings"/>), the first one's Flux reason and
/// condition, and one message naming them all, so a person fixes them in one go.
/// </summary>
public sealed record FieldRefusal(IReadOnlyList<string> Settings, string Reason, string? Condition, string Message);
