using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The HelmChart fields Fleet refuses: signature verification (`verify`, cosign or notation), with Flux's reason for a
/// verification it cannot do; and a Bucket source, since this version of Fleet reconciles no Bucket that could provide one.
/// </summary>
public static class HelmChartUnsupportedFields
{
    /// <summary>source-controller's reason for a source kind it cannot read.</summary>
    public const string UnsupportedSourceKindReason = "UnsupportedSourceKind";

    public static UnsupportedFields<HelmChartSpec> Fields { get; } = new(
        new UnsupportedField<HelmChartSpec>(spec => spec.Verify is null ? null : "spec.verify", SourceConditions.VerificationErrorReason),
        new UnsupportedField<HelmChartSpec>(
            spec => spec.SourceRef.Kind == "Bucket" ? "spec.sourceRef.kind 'Bucket'" : null, UnsupportedSourceKindReason, SourceConditions.FetchFailed));
}
