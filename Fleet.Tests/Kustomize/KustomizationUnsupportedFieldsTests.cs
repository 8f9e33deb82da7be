using Fleet.Actors.Kustomize;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Entities;

namespace Fleet.Tests.Kustomize;

public class KustomizationUnsupportedFieldsTests
{
    [Fact]
    public void ASpecWithOnlyHonouredFieldsIsAccepted() =>
        Assert.Null(KustomizationUnsupportedFields.Refusal(new KustomizationSpec { Wait = true, DependsOn = [new DependencyReference { Name = "infra" }] }));

    [Fact]
    public void CelIsRefusedAsFluxRefusesAnUnusableExpression()
    {
        var exprs = KustomizationUnsupportedFields.Refusal(new KustomizationSpec { HealthCheckExprs = [new CustomHealthCheck { ApiVersion = "example.com/v1", Current = "true" }] });
        var readyExpr = KustomizationUnsupportedFields.Refusal(new KustomizationSpec
        {
            DependsOn = [new DependencyReference { Name = "a" }, new DependencyReference { Name = "b", ReadyExpr = "dep.status.ready" }],
        });

        Assert.Equal((ReconcileOutcome.Stalled, "InvalidCELExpression"), (exprs?.Outcome, exprs?.Reason));
        Assert.Equal(
            "Reconciliation failed terminally due to configuration error: spec.dependsOn[1].readyExpr of 'b': CEL expressions are not supported yet by Fleet",
            readyExpr?.Message);
    }

    [Fact]
    public void DecryptionWorkloadIdentityAndDriftIgnoreRulesAreRefusedUntilFleetHonoursThem()
    {
        var decryption = KustomizationUnsupportedFields.Refusal(new KustomizationSpec { Decryption = new KustomizationDecryption { Provider = "sops" } });
        var configMap = KustomizationUnsupportedFields.Refusal(new KustomizationSpec { KubeConfig = new KubeConfigReference { ConfigMapRef = new LocalObjectReference { Name = "cluster" } } });
        var ignore = KustomizationUnsupportedFields.Refusal(new KustomizationSpec { Ignore = [new IgnoreRule { Paths = ["/spec/replicas"] }] });

        Assert.Equal((ReconcileOutcome.Stalled, ConditionReasons.BuildFailed), (decryption?.Outcome, decryption?.Reason));
        Assert.Contains("not supported yet", decryption?.Message, StringComparison.Ordinal);
        Assert.Contains("spec.kubeConfig.configMapRef", configMap?.Message, StringComparison.Ordinal);
        Assert.Contains("spec.ignore", ignore?.Message, StringComparison.Ordinal);
    }
}
