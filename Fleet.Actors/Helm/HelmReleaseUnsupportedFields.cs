using Fleet.Actors.Reconciliation;
using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Helm;

/// <summary>
/// HelmRelease fields Fleet accepts (they are in Flux's CRD) but cannot honour yet. Ignoring one would release something
/// other than what was asked (objects without their post-render patches, drift left uncorrected), so the release
/// stalls before helm runs, until the field is removed.
/// </summary>
public static class HelmReleaseUnsupportedFields
{
    public static UnsupportedFields<HelmReleaseSpec> Fields { get; } = new(
        new UnsupportedField<HelmReleaseSpec>(
            spec => spec.ChartRef is { Kind: "OCIRepository" or "ExternalArtifact" } chartRef ? $"spec.chartRef.kind '{chartRef.Kind}'" : null,
            HelmReleaseConditions.ArtifactFailedReason,
            Wording: field => $"{field} is not supported by this version of Fleet yet; use spec.chart or a chartRef to a HelmChart"),
        new UnsupportedField<HelmReleaseSpec>(
            spec => spec.KubeConfig?.ConfigMapRef is null ? null : "spec.kubeConfig.configMapRef",
            ConditionReasons.ReconciliationFailed,
            Wording: _ => "spec.kubeConfig.configMapRef (workload identity) is not supported yet by Fleet; use spec.kubeConfig.secretRef"),
        Field(spec => spec.PostRenderStrategy is { Length: > 0 } and not "nohooks" ? $"spec.postRenderStrategy '{spec.PostRenderStrategy}'" : null),
        Field(spec => spec.DriftDetection?.Mode is "enabled" or "warn" ? $"spec.driftDetection.mode '{spec.DriftDetection.Mode}'" : null),
        Field(spec => spec.CommonMetadata is null ? null : "spec.commonMetadata"),
        Field(spec => spec.HealthCheckExprs is { Count: > 0 } ? "spec.healthCheckExprs" : null),
        Field(spec => spec.DependsOn?.Any(d => !string.IsNullOrEmpty(d.ReadyExpr)) == true ? "spec.dependsOn[].readyExpr" : null),
        Field(spec => spec.Install?.Crds == "CreateReplace" ? "spec.install.crds 'CreateReplace'" : null),
        Field(spec => spec.Upgrade?.Crds is "Create" or "CreateReplace" ? $"spec.upgrade.crds '{spec.Upgrade.Crds}'" : null),
        Field(spec => spec.Upgrade?.ChartNameChangeStrategy == "InPlaceUpdate" ? "spec.upgrade.chartNameChangeStrategy 'InPlaceUpdate'" : null));

    /// <summary>The stalled result for the first unsupported field the spec sets, or null when it sets none.</summary>
    public static ReconcileResult? Refusal(HelmReleaseSpec spec) =>
        Fields.Check(spec) is { } refusal ? ReconcileResult.Stall(refusal.Reason, refusal.Message) : null;

    private static UnsupportedField<HelmReleaseSpec> Field(Func<HelmReleaseSpec, string?> setting) => new(setting, ConditionReasons.ReconciliationFailed);
}
