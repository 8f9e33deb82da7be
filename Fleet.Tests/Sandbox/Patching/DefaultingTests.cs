using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Patching;

namespace Fleet.Tests.Sandbox.Patching;

public class DefaultingTests
{
    private static JsonObject Defaulted(string group, string kind, string json, Func<string>? allocate = null)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        Defaulting.Apply(group, kind, obj, allocate);
        return obj;
    }

    [Fact]
    public void DefaultsADeploymentLikeTheApiServer()
    {
        var deployment = Defaulted("apps", "Deployment", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
            """);

        Assert.Equal(
            """{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent","resources":{}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600}""",
            deployment["spec"]!.ToJsonString());
    }

    [Fact]
    public void KeepsWhatTheClientSet()
    {
        var deployment = Defaulted("apps", "Deployment", """{"spec":{"replicas":0,"strategy":{"type":"Recreate"},"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x","imagePullPolicy":"Never"}]}}}}""");
        Assert.Equal(0, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(10L, deployment["spec"]!["revisionHistoryLimit"]!.GetValue<long>());
        Assert.Equal("""{"type":"Recreate"}""", deployment["spec"]!["strategy"]!.ToJsonString());
        Assert.Equal("Never", deployment["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());
        Assert.Equal("Never", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("registry:5000/team/nginx", "Always")]
    [InlineData("registry:5000/team/nginx:1.2", "IfNotPresent")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("nginx@sha256:abcd", "IfNotPresent")]
    public void PicksTheImagePullPolicyFromTheTag(string image, string policy) =>
        Assert.Equal(policy, Defaulted("", "Pod", """{"spec":{"containers":[{"name":"c","image":"IMAGE"}]}}""".Replace("IMAGE", image, StringComparison.Ordinal))["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());

    [Fact]
    public void DefaultsAServiceAndAsksTheStoreForAClusterIp()
    {
        var service = Defaulted("", "Service", """{"spec":{"selector":{"app":"web"},"ports":[{"port":80},{"port":443,"targetPort":"https","protocol":"UDP"}]}}""", () => "10.96.0.10");
        Assert.Equal(
            """{"selector":{"app":"web"},"ports":[{"port":80,"protocol":"TCP","targetPort":80},{"port":443,"targetPort":"https","protocol":"UDP"}],"type":"ClusterIP","sessionAffinity":"None","internalTrafficPolicy":"Cluster","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack"}""",
            service["spec"]!.ToJsonString());

        var headless = Defaulted("", "Service", """{"spec":{"clusterIP":"None","type":"NodePort"}}""", () => throw new InvalidOperationException("not asked"));
        Assert.Equal("""{"clusterIP":"None","type":"NodePort","sessionAffinity":"None","externalTrafficPolicy":"Cluster","internalTrafficPolicy":"Cluster","clusterIPs":["None"]}""", headless["spec"]!.ToJsonString());
    }

    [Fact]
    public void DefaultsSecretsNamespacesAndBindings()
    {
        Assert.Equal("Opaque", Defaulted("", "Secret", """{"data":{}}""")["type"]!.GetValue<string>());
        Assert.Equal(
            """{"metadata":{"name":"team","labels":{"kubernetes.io/metadata.name":"team"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""",
            Defaulted("", "Namespace", """{"metadata":{"name":"team"}}""").ToJsonString());
        Assert.Equal(
            """[{"kind":"User","name":"u","apiGroup":"rbac.authorization.k8s.io"},{"kind":"ServiceAccount","name":"s","apiGroup":""}]""",
            Defaulted("rbac.authorization.k8s.io", "RoleBinding", """{"subjects":[{"kind":"User","name":"u"},{"kind":"ServiceAccount","name":"s"}]}""")["subjects"]!.ToJsonString());
    }

    [Fact]
    public void DefaultsWorkloadsOtherThanDeployments()
    {
        var statefulSet = Defaulted("apps", "StatefulSet", """{"spec":{"template":{"spec":{"containers":[]}}}}""")["spec"]!;
        Assert.Equal(
            """{"template":{"spec":{"containers":[],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},"replicas":1,"podManagementPolicy":"OrderedReady","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},"revisionHistoryLimit":10,"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"}}""",
            statefulSet.ToJsonString());

        var daemonSet = Defaulted("apps", "DaemonSet", """{"spec":{}}""")["spec"]!;
        Assert.Equal("""{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}},"revisionHistoryLimit":10}""", daemonSet.ToJsonString());

        var job = Defaulted("batch", "Job", """{"metadata":{"name":"j"},"spec":{"template":{"metadata":{"labels":{"app":"j"}},"spec":{"restartPolicy":"Never","containers":[]}}}}""");
        Assert.Equal("""{"name":"j","labels":{"app":"j"}}""", job["metadata"]!.ToJsonString());
        Assert.Equal(
            """{"completions":1,"parallelism":1,"backoffLimit":6,"completionMode":"NonIndexed","suspend":false,"podReplacementPolicy":"TerminatingOrFailed"}""",
            WithoutTemplate(job["spec"]!));

        var cronJob = Defaulted("batch", "CronJob", """{"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}}}""")["spec"]!;
        Assert.Equal("""{"schedule":"* * * * *","concurrencyPolicy":"Allow","suspend":false,"successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1}""", WithoutKey(cronJob, "jobTemplate"));
        Assert.Equal("Always", cronJob["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void PodRequestsDefaultToLimits()
    {
        var pod = Defaulted("", "Pod", """{"spec":{"containers":[{"name":"c","image":"x:1","resources":{"limits":{"cpu":"1"},"requests":{"memory":"1Gi"}}}]}}""");
        Assert.Equal("""{"limits":{"cpu":"1"},"requests":{"memory":"1Gi","cpu":"1"}}""", pod["spec"]!["containers"]![0]!["resources"]!.ToJsonString());
        Assert.True(pod["spec"]!["enableServiceLinks"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("apps", "Deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x","livenessProbe":{"httpGet":{"port":80}}}],"volumes":[{"name":"v","secret":{"secretName":"s"}}]}}}}""")]
    [InlineData("apps", "StatefulSet", """{"spec":{}}""")]
    [InlineData("apps", "DaemonSet", """{"spec":{}}""")]
    [InlineData("batch", "Job", """{"spec":{}}""")]
    [InlineData("batch", "CronJob", """{"spec":{}}""")]
    [InlineData("", "Service", """{"spec":{"sessionAffinity":"ClientIP","ports":[{"port":80}]}}""")]
    public void EveryDefaultedNumberIsALong(string group, string kind, string json)
    {
        var numbers = Numbers(Defaulted(group, kind, json)).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(n.TryGetValue<long>(out _), n.GetPath()));
    }

    private static IEnumerable<JsonValue> Numbers(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Numbers(p.Value)),
        JsonArray array => array.SelectMany(Numbers),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => [value],
        _ => [],
    };

    [Fact]
    public void JobsGetASelectorOnTheirUid()
    {
        var job = JsonNode.Parse("""{"metadata":{"name":"migrate"},"spec":{"template":{"metadata":{"labels":{"app":"m"}},"spec":{"containers":[]}}}}""")!.AsObject();
        Defaulting.GenerateJobSelector(job, "0f1e");
        Assert.Equal("""{"matchLabels":{"batch.kubernetes.io/controller-uid":"0f1e"}}""", job["spec"]!["selector"]!.ToJsonString());
        Assert.Equal(
            """{"app":"m","batch.kubernetes.io/controller-uid":"0f1e","batch.kubernetes.io/job-name":"migrate","controller-uid":"0f1e","job-name":"migrate"}""",
            job["spec"]!["template"]!["metadata"]!["labels"]!.ToJsonString());

        var manual = JsonNode.Parse("""{"metadata":{"name":"m"},"spec":{"manualSelector":true,"selector":{"matchLabels":{"a":"b"}}}}""")!.AsObject();
        Defaulting.GenerateJobSelector(manual, "u");
        Assert.Equal("""{"manualSelector":true,"selector":{"matchLabels":{"a":"b"}}}""", manual["spec"]!.ToJsonString());
    }

    private static string WithoutTemplate(JsonNode spec) => WithoutKey(spec, "template");

    private static string WithoutKey(JsonNode obj, string key)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove(key);
        return copy.ToJsonString();
    }
}
