using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize;
using Fleet.Actors.Kustomize.InProcess;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Kustomize;
using static Fleet.Tests.Kustomize.ManifestTree;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// The in-process build against the real kustomize: every shape it takes on must give exactly the objects kustomize
/// prints, and every shape it cannot copy exactly must be left to kustomize.
/// </summary>
public sealed class InProcessBuildTests
{
    private static readonly KustomizeBuilder Builder = new(KustomizeTool.Locate());

    private static KustomizationSpec Spec(string path, string? targetNamespace = null) => new() { Path = path, TargetNamespace = targetNamespace };

    private static async Task AssertBuildsAsKustomizeDoes(ManifestTree tree, KustomizationSpec spec)
    {
        var directory = KustomizeBuilder.ResolvePath(tree.Root, spec.Path);
        var files = Snapshot(tree.Root);

        var inProcess = TryBuild(tree, spec);

        Assert.NotNull(inProcess);
        Assert.Equal(files, Snapshot(tree.Root));
        var kustomize = await Builder.RunKustomizeAsync(tree.Root, directory, KustomizationGenerator.Compose(tree.Root, directory, spec), CancellationToken.None);
        Assert.NotEmpty(kustomize);
        Assert.Equal(Canonical(kustomize), Canonical(inProcess));
    }

    private static void AssertLeftToKustomize(ManifestTree tree, KustomizationSpec spec) => Assert.Null(TryBuild(tree, spec));

    private static IReadOnlyList<JsonObject>? TryBuild(ManifestTree tree, KustomizationSpec spec)
    {
        var directory = KustomizeBuilder.ResolvePath(tree.Root, spec.Path);
        return InProcessBuild.TryBuild(tree.Root, directory, KustomizationGenerator.Compose(tree.Root, directory, spec));
    }

    private static string[] Canonical(IEnumerable<JsonObject> objects) =>
        [.. objects.Select(o => JsonKeyOrder.Sorted(o)!.ToJsonString()).Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    private const string Kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

    [Fact]
    public async Task The_benchmark_app_into_a_target_namespace()
    {
        using var tree = new ManifestTree(
            ("app/kustomization.yaml", Kustomization + "resources:\n- sa.yaml\n- service.yaml\n- deployment.yaml\n- ingress.yaml\n"),
            ("app/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n"),
            ("app/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: http
                """),
            ("app/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      serviceAccountName: web
                      volumes:
                      - name: cache
                        emptyDir: {}
                      containers:
                      - name: main
                        image: nginx:1.27
                        env:
                        - {name: FEATURE, value: "on"}
                        - name: VERBOSE
                          value: yes
                        ports:
                        - {name: http, containerPort: 8080}
                        resources:
                          limits: {cpu: 0.5, memory: 64Mi}
                """),
            ("app/ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                spec:
                  rules:
                  - host: web.example
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service: {name: web, port: {number: 80}}
                """));

        await AssertBuildsAsKustomizeDoes(tree, Spec("./app", "tenant-a"));
    }

    [Fact]
    public async Task Scalars_read_as_kustomize_reads_them()
    {
        using var tree = new ManifestTree(("widget.yaml", """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: scalars
              labels:
                plain: "yes"
            spec:
              a: on
              b: yes
              c: 0x10
              d: 010
              e: 1_000
              f: 1e3
              g: ~
              h: .5
              i: "on"
              j: 'x'
              k: |
                multi
                line
              l: 0o17
              m: +12
              n: 12:30
              o: Yes
              p: 0b101
              q: -0
              r: 1.0
              s: 12345678901234567890
              t: 1.5e-7
              u: 100000000000000000000000.0
              v: null
              w: True
              x: off
              y: -12.5
              z: >
                folded
                text
              list: [1, "2", three, no]
              nested: {deep: {deeper: [{}, [], ""]}}
            """));

        await AssertBuildsAsKustomizeDoes(tree, Spec("."));
        await AssertBuildsAsKustomizeDoes(tree, Spec(".", "elsewhere"));
    }

    [Fact]
    public async Task A_generated_kustomization_lists_every_manifest_below_the_path()
    {
        using var tree = new ManifestTree(
            ("apps/namespace.yaml", "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\n# only a comment\n---\n"),
            ("apps/one.yaml", ConfigMapYaml("one", ns: "apps")),
            ("apps/nested/two.yml", ConfigMapYaml("two", ns: "apps") + "---\n" + DeploymentYaml("three")),
            ("apps/bundle/kustomization.yaml", "resources:\n- listed.yaml\n"),
            ("apps/bundle/listed.yaml", ConfigMapYaml("listed")),
            ("apps/bundle/unlisted.yaml", ConfigMapYaml("unlisted")),
            ("apps/notes.txt", "not: [a manifest"),
            ("apps/rbac.json", """{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "reader"}, "rules": []}"""));
        File.Move(Path.Combine(tree.Root, "apps/rbac.json"), Path.Combine(tree.Root, "apps/rbac.yaml"));

        await AssertBuildsAsKustomizeDoes(tree, Spec("./apps"));
    }

    [Fact]
    public async Task A_namespace_is_set_on_namespaced_kinds_only_by_kustomize_s_own_list_of_scopes()
    {
        using var tree = new ManifestTree(("all.yaml", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: keeps-its-namespace-field
              namespace: foo
            ---
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata:
              name: fast
            provisioner: example.com/fast
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: high
            value: 1000
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: edge
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
            ---
            apiVersion: flowcontrol.apiserver.k8s.io/v1
            kind: FlowSchema
            metadata:
              name: newer-than-kustomize-s-schema
            ---
            apiVersion: example.com/v1
            kind: ClusterWidget
            metadata:
              name: unknown-kinds-count-as-namespaced
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: moved
              namespace: other
            """));

        await AssertBuildsAsKustomizeDoes(tree, Spec(".", "target"));
    }

    [Fact]
    public async Task Empty_and_null_metadata_is_printed_as_kustomize_prints_it()
    {
        using var tree = new ManifestTree(("cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm
              creationTimestamp: null
              annotations: {}
              labels:
              finalizers: []
            data: {}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: secret
              labels: {}
              annotations:
                team: a
            stringData:
              token: 'abc'
            type: Opaque
            """));

        await AssertBuildsAsKustomizeDoes(tree, Spec(".", "target"));
        await AssertBuildsAsKustomizeDoes(tree, Spec("."));
    }

    [Fact]
    public async Task Bases_elsewhere_in_the_source_and_their_own_namespaces()
    {
        using var tree = new ManifestTree(
            ("base/kustomization.yaml", "namespace: from-base\nresources:\n- deployment.yaml\n"),
            ("base/deployment.yaml", DeploymentYaml("web")),
            ("shared/settings.yaml", ConfigMapYaml("settings")),
            ("overlays/prod/kustomization.yaml", Kustomization + "resources:\n- ../../base\n- ../../shared/settings.yaml\n- local.yaml\n"),
            ("overlays/prod/local.yaml", ConfigMapYaml("local", ns: "from-file")));

        await AssertBuildsAsKustomizeDoes(tree, Spec("./overlays/prod"));
        await AssertBuildsAsKustomizeDoes(tree, Spec("./overlays/prod", "prod"));
    }

    [Fact]
    public void Overrides_and_transformers_other_than_a_namespace_are_left_to_kustomize()
    {
        using var tree = new ManifestTree(
            ("plain/cm.yaml", ConfigMapYaml("cm")),
            ("labelled/kustomization.yaml", "resources:\n- cm.yaml\ncommonLabels:\n  team: a\n"),
            ("labelled/cm.yaml", ConfigMapYaml("cm")),
            ("generated/kustomization.yaml", "configMapGenerator:\n- name: settings\n  literals: [a=b]\n"),
            ("component/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- cm.yaml\n"),
            ("component/cm.yaml", ConfigMapYaml("cm")));

        AssertLeftToKustomize(tree, new KustomizationSpec { Path = "./plain", NamePrefix = "p-" });
        AssertLeftToKustomize(tree, new KustomizationSpec { Path = "./plain", NameSuffix = "" });
        AssertLeftToKustomize(tree, new KustomizationSpec { Path = "./plain", Images = [new KustomizeImage { Name = "nginx", NewTag = "2" }] });
        AssertLeftToKustomize(tree, new KustomizationSpec { Path = "./plain", Patches = [new Patch { PatchDocument = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: c\n" }] });
        AssertLeftToKustomize(tree, Spec("./labelled"));
        AssertLeftToKustomize(tree, Spec("./generated"));
        AssertLeftToKustomize(tree, Spec("./component"));
        Assert.NotNull(TryBuild(tree, Spec("./plain", "target")));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: renamed-by-kustomize\n")]
    [InlineData("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects:\n- {kind: ServiceAccount, name: default}\n")]
    [InlineData("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n")]
    public void Kinds_the_namespace_transformer_rewrites_further_are_left_to_kustomize(string manifest)
    {
        using var tree = new ManifestTree(("special.yaml", manifest));

        AssertLeftToKustomize(tree, Spec(".", "target"));
        Assert.NotNull(TryBuild(tree, Spec(".")));
    }

    [Theory]
    [InlineData("metadata:\n  name: cm\ndata:\n  when: 2024-01-01\n")]
    [InlineData("metadata:\n  name: cm\ndata:\n  tagged: !!str 12\n")]
    [InlineData("metadata:\n  name: cm\n  labels: &shared {a: b}\n  annotations: *shared\n")]
    [InlineData("metadata:\n  name: cm\n  annotations:\n    config.kubernetes.io/index: '3'\n")]
    [InlineData("metadata:\n  name: cm\n  annotations:\n")]
    [InlineData("metadata:\n  name: cm\n  labels:\n    replicas: 3\n")]
    [InlineData("metadata:\n  namespace: no-name\n")]
    [InlineData("metadata:\n  name: cm\ndata:\n  a: b\n  a: c\n")]
    [InlineData("metadata:\n  name: cm\ndata:\n  1: one\n")]
    [InlineData("metadata:\n  name: cm\ndata:\n  big: .inf\n")]
    public void YAML_kustomize_reads_differently_or_rejects_is_left_to_it(string rest)
    {
        using var tree = new ManifestTree(("kustomization.yaml", "resources:\n- cm.yaml\n"), ("cm.yaml", "apiVersion: v1\nkind: ConfigMap\n" + rest));

        AssertLeftToKustomize(tree, Spec("."));
    }

    [Fact]
    public void Lists_duplicates_and_references_outside_plain_files_are_left_to_kustomize()
    {
        using var tree = new ManifestTree(
            ("list/list.yaml", "apiVersion: v1\nkind: ConfigMapList\nitems:\n- " + ConfigMapYaml("cm").Replace("\n", "\n  ", StringComparison.Ordinal)),
            ("twice/a.yaml", ConfigMapYaml("same")),
            ("twice/b.yaml", ConfigMapYaml("same")),
            ("missing/kustomization.yaml", "resources:\n- absent.yaml\n"),
            ("remote/kustomization.yaml", "resources:\n- https://example.com/app.yaml\n"),
            ("empty/kustomization.yaml", "resources:\n- empty.yaml\n"),
            ("empty/empty.yaml", "# nothing\n"));

        foreach (var path in new[] { "./list", "./twice", "./missing", "./remote", "./empty" })
        {
            AssertLeftToKustomize(tree, Spec(path));
        }
    }

    [Fact]
    public async Task The_builder_builds_in_process_and_falls_back_to_kustomize_with_the_same_substitution_and_metadata()
    {
        using var tree = new ManifestTree(("app/cm.yaml", ConfigMapYaml("cm", data: "greeting: ${greeting}")));
        var postBuild = new KustomizationPostBuild { Substitute = new Dictionary<string, string> { ["greeting"] = "hello" } };
        var common = new CommonMetadata { Labels = new Dictionary<string, string> { ["team"] = "a" } };
        var variables = new Dictionary<string, string> { ["greeting"] = "hello" };

        var plain = await Builder.BuildAsync(tree.Root, new KustomizationSpec { Path = "./app", PostBuild = postBuild, CommonMetadata = common }, variables, strict: true, CancellationToken.None);
        var prefixed = await Builder.BuildAsync(tree.Root, new KustomizationSpec { Path = "./app", PostBuild = postBuild, CommonMetadata = common, NamePrefix = "p-" }, variables, strict: true, CancellationToken.None);

        foreach (var (obj, name) in new[] { (Assert.Single(plain), "cm"), (Assert.Single(prefixed), "p-cm") })
        {
            Assert.Equal(name, (string?)obj["metadata"]!["name"]);
            Assert.Equal("hello", (string?)obj["data"]!["greeting"]);
            Assert.Equal("a", (string?)obj["metadata"]!["labels"]!["team"]);
        }
    }
}
