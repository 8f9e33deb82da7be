using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Processes;
using Fleet.Messages.Api;
using Fleet.Tests.Support;

namespace Fleet.Tests.Deployment;

/// <summary>The manifests under <c>k8s/</c> parse, fit together, and build with the real kustomize in kubectl.</summary>
public class DeploymentManifestTests
{
    private const string Namespace = "flux-system";
    private const string HeadlessDomain = "fleet-headless.flux-system.svc.cluster.local";

    private static string K8sDirectory => Path.Combine(RepositoryPaths.Root, "k8s");

    [Fact]
    public void EveryManifestParsesAndNamespacedObjectsLiveInFluxSystem()
    {
        var objects = Objects();

        Assert.Equal(
            ["ClusterRole", "ClusterRoleBinding", "Namespace", "PodDisruptionBudget", "Service", "Service", "ServiceAccount", "StatefulSet"],
            objects.Select(o => (string)o["kind"]!).Order());
        Assert.All(objects.Where(o => (string?)o["kind"] is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding")),
            o => Assert.Equal(Namespace, (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public void StatefulSetRunsThreeParallelNodesThatFindEachOtherThroughTheHeadlessService()
    {
        var statefulSet = Single("StatefulSet", "fleet");
        var headless = Single("Service", "fleet-headless");
        var env = Env(Container(statefulSet));

        Assert.Equal(3, (long)statefulSet["spec"]!["replicas"]!);
        Assert.Equal("Parallel", (string?)statefulSet["spec"]!["podManagementPolicy"]);
        Assert.Equal("fleet-headless", (string?)statefulSet["spec"]!["serviceName"]);
        Assert.Equal("None", (string?)headless["spec"]!["clusterIP"]);
        Assert.True((bool)headless["spec"]!["publishNotReadyAddresses"]!);
        Assert.Equal(4053, (long)headless["spec"]!["ports"]![0]!["port"]!);
        Assert.Equal("metadata.name", (string?)env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal($"$(POD_NAME).{HeadlessDomain}", (string?)env["FLEET_HOSTNAME"]["value"]);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => $"fleet-{i}.{HeadlessDomain}:4053"),
            ((string)env["FLEET_SEED_NODES"]["value"]!).Split(','));
        Assert.Equal("postgres", (string?)env["FLEET_JOURNAL"]["value"]);
        Assert.Equal("fleet-journal", (string?)env["FLEET_JOURNAL_CONNECTION"]["valueFrom"]!["secretKeyRef"]!["name"]);
    }

    [Fact]
    public void PodIsProbedOnHealthzAndRunsNonRootOnAReadOnlyRootFilesystem()
    {
        var statefulSet = Single("StatefulSet", "fleet");
        var pod = statefulSet["spec"]!["template"]!["spec"]!;
        var container = Container(statefulSet);
        var ports = container["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (long)p!["containerPort"]!);

        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", (string?)container[probe]!["httpGet"]!["path"]);
            Assert.Equal(9090, ports[(string)container[probe]!["httpGet"]!["port"]!]);
        }
        Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
        Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
        Assert.False((bool)container["securityContext"]!["allowPrivilegeEscalation"]!);
        var emptyDirs = pod["volumes"]!.AsArray().Where(v => v!["emptyDir"] is not null).Select(v => (string?)v!["name"]).ToHashSet();
        var mounts = container["volumeMounts"]!.AsArray().Where(m => emptyDirs.Contains((string?)m!["name"])).Select(m => (string?)m!["mountPath"]);
        Assert.Equal(["/data", "/tmp"], mounts.Order());
        Assert.NotNull(container["resources"]!["requests"]);
    }

    [Fact]
    public void ServicesAndDisruptionBudgetSelectTheFleetPods()
    {
        var statefulSet = Single("StatefulSet", "fleet");
        var podLabels = statefulSet["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var portNames = Container(statefulSet)["ports"]!.AsArray().Select(p => (string?)p!["name"]).ToHashSet();
        var service = Single("Service", "fleet");
        var pdb = Single("PodDisruptionBudget", "fleet");

        Assert.Equal([9090L, 9292L], service["spec"]!["ports"]!.AsArray().Select(p => (long)p!["port"]!));
        Assert.All(service["spec"]!["ports"]!.AsArray(), p => Assert.Contains((string?)p!["targetPort"], portNames));
        Assert.Equal(1, (long)pdb["spec"]!["maxUnavailable"]!);
        foreach (var selector in new[] { service["spec"]!["selector"]!, Single("Service", "fleet-headless")["spec"]!["selector"]!, pdb["spec"]!["selector"]!["matchLabels"]!, statefulSet["spec"]!["selector"]!["matchLabels"]! })
        {
            Assert.All(selector.AsObject(), label => Assert.Equal((string?)label.Value, (string?)podLabels[label.Key]));
        }
    }

    [Theory]
    [InlineData("", "events", "create")]
    [InlineData("events.k8s.io", "events", "patch")]
    [InlineData("", "serviceaccounts", "impersonate")]
    [InlineData("", "users", "impersonate")]
    [InlineData("", "groups", "impersonate")]
    [InlineData("coordination.k8s.io", "leases", "update")]
    [InlineData("apps", "deployments", "patch")]
    [InlineData("", "secrets", "watch")]
    public void ClusterRoleAllowsWhatFleetDoes(string group, string resource, string verb) =>
        Assert.True(Allows(group, resource, verb), $"the fleet ClusterRole does not allow {verb} on {group}/{resource}");

    [Fact]
    public void ClusterRoleAllowsEveryFluxKindWithItsStatusAndFinalizersAndIsBoundToTheStatefulSetsAccount()
    {
        foreach (var kind in FluxKinds.All)
        {
            foreach (var resource in new[] { kind.Plural, kind.Plural + "/status", kind.Plural + "/finalizers" })
            {
                Assert.True(Allows(kind.Group, resource, "patch"), $"cannot patch {kind.Group}/{resource}");
            }
        }
        var binding = Single("ClusterRoleBinding", "fleet");
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal("fleet", (string?)binding["roleRef"]!["name"]);
        Assert.Equal(("ServiceAccount", "fleet", Namespace), ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        Assert.Equal("fleet", (string?)Single("StatefulSet", "fleet")["spec"]!["template"]!["spec"]!["serviceAccountName"]);
        Assert.Equal(Namespace, (string?)Single("ServiceAccount", "fleet")["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task KubectlKustomizeBuildsEveryCrdAndTheStatefulSet()
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest("/usr/bin/kubectl", ["kustomize", K8sDirectory]) { Timeout = TimeSpan.FromSeconds(60) }, CancellationToken.None);

        Assert.True(result.ExitCode == 0, $"kubectl kustomize k8s failed: {result.StandardError}");
        var objects = YamlJson.ParseDocuments(result.StandardOutput).Select(d => d!.AsObject()).ToList();
        Assert.Equal(
            FluxKinds.All.Select(k => k.CrdName).Order(),
            objects.Where(o => (string?)o["kind"] == "CustomResourceDefinition").Select(o => (string)o["metadata"]!["name"]!).Order());
        Assert.Single(objects, o => (string?)o["kind"] == "StatefulSet" && (string?)o["metadata"]!["name"] == "fleet");
    }

    private static List<JsonObject> Objects() =>
        Directory.GetFiles(K8sDirectory, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => YamlJson.ParseDocuments(File.ReadAllText(f)))
            .Select(d => d!.AsObject())
            .ToList();

    private static JsonObject Single(string kind, string name) =>
        Assert.Single(Objects(), o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);

    private static JsonObject Container(JsonObject statefulSet) =>
        Assert.Single(statefulSet["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!.AsObject();

    private static Dictionary<string, JsonNode> Env(JsonObject container) =>
        container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);

    private static bool Allows(string group, string resource, string verb) =>
        Single("ClusterRole", "fleet")["rules"]!.AsArray().Any(rule =>
            Matches(rule!["apiGroups"], group) && Matches(rule["resources"], resource) && Matches(rule["verbs"], verb));

    private static bool Matches(JsonNode? list, string value) =>
        list?.AsArray().Any(n => (string?)n is { } item && (item == "*" || item == value)) == true;
}
