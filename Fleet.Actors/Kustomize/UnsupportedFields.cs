using Fleet.Actors.Reconciliation;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// Spec fields Fleet accepts (they are in Flux's CRD) but cannot honour yet. Ignoring one would apply something other
/// than what the user asked (SOPS ciphertext as plain text, objects judged healthy without their CEL rules), so the
/// Kustomization stalls before anything is applied, until the field is removed. CEL is refused as Flux refuses an
/// expression it cannot use: stalled, InvalidCELExpression, its terminal-error text.
/// </summary>
public static class UnsupportedFields
{
    /// <summary>kustomize-controller's prefix for a configuration error no retry can cure.</summary>
    public const string TerminalErrorMessage = "Reconciliation failed terminally due to configuration error";

    /// <summary>The stalled result for the first unsupported field the spec sets, or null when it sets none.</summary>
    public static ReconcileResult? Refusal(KustomizationSpec spec)
    {
        if (spec.HealthCheckExprs is { Count: > 0 })
        {
            return Cel("spec.healthCheckExprs");
        }
        if (spec.DependsOn?.Select((d, i) => (d, i)).FirstOrDefault(e => !string.IsNullOrEmpty(e.d.ReadyExpr)) is ({ } dependency, var index))
        {
            return Cel($"spec.dependsOn[{index}].readyExpr of '{dependency.Name}'");
        }
        if (spec.Decryption is not null)
        {
            // Flux reports decryption errors from its build step.
            return ReconcileResult.Stall(ConditionReasons.BuildFailed,
                "decryption failed: SOPS decryption (spec.decryption) is not supported yet by Fleet; nothing is applied while it is set");
        }
        if (spec.KubeConfig?.ConfigMapRef is not null)
        {
            return ReconcileResult.Stall(ConditionReasons.ReconciliationFailed,
                "failed to build kube client: spec.kubeConfig.configMapRef (workload identity) is not supported yet by Fleet; use spec.kubeConfig.secretRef");
        }
        if (spec.Ignore is { Count: > 0 })
        {
            return ReconcileResult.Stall(ConditionReasons.ReconciliationFailed,
                "spec.ignore (drift ignore rules) is not supported yet by Fleet; nothing is applied while it is set");
        }
        return null;
    }

    private static ReconcileResult Cel(string field) =>
        ReconcileResult.Stall(ConditionReasons.InvalidCELExpression, $"{TerminalErrorMessage}: {field}: CEL expressions are not supported yet by Fleet");
}
