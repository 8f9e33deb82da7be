namespace Fleet.Actors.Helm;

/// <summary>A `valuesFrom` entry that could not be used, worded as helm-controller words it.</summary>
public sealed class ValuesReferenceException(string message) : Exception(message);
