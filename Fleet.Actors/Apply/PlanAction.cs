namespace Fleet.Actors.Apply;

/// <summary>What the dry-run decided for one object.</summary>
internal enum PlanAction
{
    /// <summary>Excluded by a marker, or <c>ssa: IfNotPresent</c> and present.</summary>
    Skip,

    /// <summary>The dry-run succeeded; apply when drifted.</summary>
    Apply,

    /// <summary>An immutable field changed and recreation is allowed: delete, then apply.</summary>
    Recreate,

    /// <summary>The kind is unknown or the API server refused the dry-run.</summary>
    Failed,
}
