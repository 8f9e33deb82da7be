namespace Fleet.Node.Sandbox.Progress;

/// <param name="Lines">Changes to print, one per object whose state or message changed.</param>
/// <param name="AllReady">Every watched object is Ready now.</param>
/// <param name="BecameReady">Every watched object is Ready now and was not at the previous snapshot.</param>
public sealed record ProgressUpdate(IReadOnlyList<string> Lines, bool AllReady, bool BecameReady);
