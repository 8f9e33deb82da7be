namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The chart or version a HelmChart names is not in its repository, or the version is not a valid range: Flux's
/// InvalidChartReference, which stalls until the spec (or the repository) changes.
/// </summary>
public sealed class ChartReferenceException(string message) : Exception(message);
