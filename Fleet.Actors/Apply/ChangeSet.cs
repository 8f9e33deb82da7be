namespace Fleet.Actors.Apply;

/// <summary>The outcome of applying or pruning a set of objects, in apply (or delete) order.</summary>
public sealed record ChangeSet(IReadOnlyList<ChangeSetEntry> Entries)
{
    /// <summary>Why objects ended <see cref="ChangeAction.Unknown"/> (failed deletions), one message per object.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool HasChanges => Entries.Any(e => e.IsChange);

    /// <summary>The lines of changed objects (not unchanged or skipped), as kustomize-controller lists them in events and logs.</summary>
    public IReadOnlyList<string> Changed => [.. Entries.Where(e => e.IsChange).Select(e => e.ToString())];

    public static ChangeSet Empty { get; } = new([]);

    public override string ToString() => string.Join('\n', Changed);
}
