namespace Fleet.Actors.Sources.Helm;

/// <summary>The chart's source has produced no artifact yet: Flux's NoSourceArtifact, waited for rather than reported as an error.</summary>
public sealed class NoSourceArtifactException(string message) : Exception(message);
