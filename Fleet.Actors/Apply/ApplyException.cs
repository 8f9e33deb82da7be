namespace Fleet.Actors.Apply;

/// <summary>
/// Applying failed; the message names every failing object and the API server's reason, one per line, e.g.
/// <c>ConfigMap/team-b/x dry-run failed: configmaps is forbidden: ...</c>.
/// </summary>
public sealed class ApplyException : Exception
{
    public ApplyException(IReadOnlyList<ApplyFailure> failures)
        : base(string.Join('\n', failures.Select(f => f.ToString())))
    {
        Failures = failures;
    }

    public ApplyException(string message)
        : base(message)
    {
        Failures = [];
    }

    /// <summary>The objects that failed, empty when the failure concerns the set (e.g. a wait timeout).</summary>
    public IReadOnlyList<ApplyFailure> Failures { get; }

    /// <summary>The first failure in apply order, as Flux reports a failed stage: its first error, not every one joined.</summary>
    public string FirstError => Failures.Count > 0 ? Failures[0].ToString() : Message;
}
