using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class ImmutabilityTests
{
    private static string? Check(string group, string kind, string old, string @new) =>
        Immutability.Check(group, kind, JsonNode.Parse(old)!.AsObject(), JsonNode.Parse(@new)!.AsObject());

    [Fact]
    public void AChangedWorkloadSelectorIsRejected() =>
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\", \"tier\":\"a\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            Check("apps", "Deployment",
                """{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"replicas":1}}""",
                """{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"tier":"a","app":"web2"}},"replicas":1}}"""));

    [Fact]
    public void SelectorExpressionsArePrintedToo() =>
        Assert.Equal(
            "DaemonSet.apps \"d\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string{\"a\", \"b\"}}}}: field is immutable",
            Check("apps", "DaemonSet",
                """{"metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"a"}}}}""",
                """{"metadata":{"name":"d"},"spec":{"selector":{"matchExpressions":[{"key":"app","operator":"In","values":["a","b"]}]}}}"""));

    [Fact]
    public void MutableChangesPass()
    {
        Assert.Null(Check("apps", "Deployment", """{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"replicas":1}}""", """{"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"replicas":5}}"""));
        Assert.Null(Check("apps", "StatefulSet", """{"metadata":{"name":"s"},"spec":{"serviceName":"s","replicas":1,"template":{"a":1}}}""", """{"metadata":{"name":"s"},"spec":{"serviceName":"s","replicas":3,"template":{"a":2}}}"""));
        Assert.Null(Check("", "ConfigMap", """{"metadata":{"name":"c"},"data":{"a":"1"}}""", """{"metadata":{"name":"c"},"data":{"a":"2"}}"""));
        Assert.Null(Immutability.Check("apps", "Deployment", null, JsonNode.Parse("""{"spec":{}}""")!.AsObject()));
    }

    [Fact]
    public void StatefulSetFieldsOutsideTheMutableOnesAreForbidden() =>
        Assert.Equal(
            "StatefulSet.apps \"s\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            Check("apps", "StatefulSet", """{"metadata":{"name":"s"},"spec":{"serviceName":"s"}}""", """{"metadata":{"name":"s"},"spec":{"serviceName":"t"}}"""));

    [Fact]
    public void JobTemplatesAreImmutable() =>
        Assert.Equal(
            "Job.batch \"j\" is invalid: spec.template: Invalid value: {\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"b\"}]}}: field is immutable",
            Check("batch", "Job", """{"metadata":{"name":"j"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"a"}]}}}}""", """{"metadata":{"name":"j"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"b"}]}}}}"""));

    [Fact]
    public void AServiceClusterIpMayNotChange()
    {
        Assert.Equal(
            "Service \"s\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.2\"}: may not change once set",
            Check("", "Service", """{"metadata":{"name":"s"},"spec":{"clusterIP":"10.96.0.1"}}""", """{"metadata":{"name":"s"},"spec":{"clusterIP":"10.96.0.2"}}"""));
        Assert.Null(Check("", "Service", """{"metadata":{"name":"s"},"spec":{"clusterIP":"10.96.0.1"}}""", """{"metadata":{"name":"s"},"spec":{"ports":[]}}"""));
    }

    [Fact]
    public void ImmutableConfigMapsAndSecretsRejectChanges()
    {
        Assert.Equal(
            "ConfigMap \"c\" is invalid: [immutable: Forbidden: field is immutable when `immutable` is set, data: Forbidden: field is immutable when `immutable` is set]",
            Check("", "ConfigMap", """{"metadata":{"name":"c"},"immutable":true,"data":{"a":"1"}}""", """{"metadata":{"name":"c"},"data":{"a":"2"}}"""));
        Assert.Equal(
            "Secret \"s\" is invalid: data: Forbidden: field is immutable when `immutable` is set",
            Check("", "Secret", """{"metadata":{"name":"s"},"immutable":true,"data":{"a":"MQ=="}}""", """{"metadata":{"name":"s"},"immutable":true,"data":{"a":"Mg=="}}"""));
        Assert.Equal(
            "Secret \"s\" is invalid: type: Invalid value: \"kubernetes.io/tls\": field is immutable",
            Check("", "Secret", """{"metadata":{"name":"s"},"type":"Opaque"}""", """{"metadata":{"name":"s"},"type":"kubernetes.io/tls"}"""));
    }

    [Fact]
    public void PersistentVolumeClaimSpecsAreImmutableExceptRequests()
    {
        Assert.Null(Check("", "PersistentVolumeClaim", """{"metadata":{"name":"p"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""", """{"metadata":{"name":"p"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"2Gi"}}}}"""));
        Assert.Equal(
            "PersistentVolumeClaim \"p\" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
            Check("", "PersistentVolumeClaim", """{"metadata":{"name":"p"},"spec":{"accessModes":["ReadWriteOnce"]}}""", """{"metadata":{"name":"p"},"spec":{"accessModes":["ReadWriteMany"]}}"""));
    }
}
