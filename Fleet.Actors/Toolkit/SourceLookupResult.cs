using System.Diagnostics.CodeAnalysis;
using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Toolkit;

/// <summary>The source's artifact, or the result the run ends with (without the kind's status, which the caller adds).</summary>
public sealed record SourceLookupResult(Artifact? Artifact, ReconcileResult? Stop)
{
    [MemberNotNullWhen(true, nameof(Stop))]
    [MemberNotNullWhen(false, nameof(Artifact))]
    public bool Stopped => Stop is not null;
}
