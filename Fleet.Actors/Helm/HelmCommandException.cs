namespace Fleet.Actors.Helm;

/// <summary>A helm action that did not succeed, with helm's own error text (without its `Error: ` prefix).</summary>
public sealed class HelmCommandException(string message) : Exception(message);
