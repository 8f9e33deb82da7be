namespace Fleet.Actors.Toolkit;

/// <summary>
/// A spec field Fleet accepts in the schema but does not honour yet. <see cref="Setting"/> names the field as the spec sets
/// it (<c>spec.provider 'github'</c>), or is null when the spec leaves it unset or at a value Fleet honours. <see cref="Reason"/>
/// is the reason Flux writes when that field cannot be used; <see cref="Condition"/> the negative condition Flux marks with it
/// (<c>FetchFailed</c>), if any. <see cref="Wording"/>, when given, turns the setting into the whole message, for a refusal
/// Flux words its own way (a CEL expression refused with kustomize-controller's terminal-error text).
/// </summary>
public sealed record UnsupportedField<TSpec>(Func<TSpec, string?> Setting, string Reason, string? Condition = null, Func<string, string>? Wording = null);
