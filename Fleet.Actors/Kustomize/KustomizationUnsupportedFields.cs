using Fleet.Actors.Reconciliation;
using Fleet.Actors.Toolkit;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Spec fields Fleet accepts (they are in Flux's CRD) but cannot honour yet. Ignoring one would apply something other
/// than what the user asked (SOPS ciphertext as plain text, objects judged healthy without their CEL rules), so the
/// Kustomization stalls before anything is applied, until the field is removed. CEL is refused as Flux refuses an
/// expression it cannot use: stalled, InvalidCELExpression, its terminal-error text.
/// </summary>
public static class KustomizationUnsupportedFields
{
    /// <summary>kustomize-controller's prefix for a configuration error no retry can cure.</summary>
    public const string TerminalErrorMessage = "Reconciliation failed terminally due to configuration error";

    public static UnsupportedFields<KustomizationSpec> Fields { get; } = new(
        Cel(spec => spec.HealthCheckExprs is { Count: > 0 } ? "spec.healthCheckExprs" : null),
        Cel(spec => spec.DependsOn?.Select((d, i) => (d, i)).FirstOrDefault(e => !string.IsNullOrEmpty(e.d.ReadyExpr)) is ({ } dependency, var index)
            ? $"spec.dependsOn[{index}].readyExpr of '{dependency.Name}'"
            : null),
        // Flux reports decryption errors from its build step.
        new UnsupportedField<KustomizationSpec>(
            spec => spec.Decryption is null ? null : "spec.decryption",
            ConditionReasons.BuildFailed,
            Wording: _ => "decryption failed: SOPS decryption (spec.decryption) is not supported yet by Fleet; nothing is applied while it is set"),
        new UnsupportedField<KustomizationSpec>(
            spec => spec.KubeConfig?.ConfigMapRef is null ? null : "spec.kubeConfig.configMapRef",
            ConditionReasons.ReconciliationFailed,
            Wording: _ => "failed to build kube client: spec.kubeConfig.configMapRef (workload identity) is not supported yet by Fleet; use spec.kubeConfig.secretRef"),
        new UnsupportedField<KustomizationSpec>(
            spec => spec.Ignore is { Count: > 0 } ? "spec.ignore" : null,
            ConditionReasons.ReconciliationFailed,
            Wording: _ => "spec.ignore (drift ignore rules) is not supported yet by Fleet; nothing is applied while it is set"));

    /// <summary>The stalled result for the first unsupported field the spec sets, or null when it sets none.</summary>
    public static ReconcileResult? Refusal(KustomizationSpec spec) =>
        Fields.Check(spec) is { } refusal ? ReconcileResult.Stall(refusal.Reason, refusal.Message) : null;

    private static UnsupportedField<KustomizationSpec> Cel(Func<KustomizationSpec, string?> setting) =>
        new(setting, ConditionReasons.InvalidCELExpression, Wording: field => $"{TerminalErrorMessage}: {field}: CEL expressions are not supported yet by Fleet");
}
