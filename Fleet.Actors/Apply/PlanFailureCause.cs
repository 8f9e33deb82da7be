namespace Fleet.Actors.Apply;

/// <summary>Why a dry-run failed, as far as deferring it to a later stage cares.</summary>
internal enum PlanFailureCause
{
    None,

    /// <summary>Discovery knows no such kind (its CRD may be part of the same set).</summary>
    UnknownKind,

    /// <summary>The API server answered 404 (the namespace may be part of the same set).</summary>
    NotFound,

    Other,
}
