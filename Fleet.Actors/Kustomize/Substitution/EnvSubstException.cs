namespace Fleet.Actors.Kustomize.Substitution;

/// <summary>A `${…}` expression that does not parse, or a variable missing under strict mode.</summary>
public sealed class EnvSubstException(string message) : Exception(message);
