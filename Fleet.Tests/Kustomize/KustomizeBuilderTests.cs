using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Actors.Kustomize;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using static Fleet.Tests.Kustomize.ManifestTree;

namespace Fleet.Tests.Kustomize;

/// <summary>Builds with the real kustomize (a kustomize binary or kubectl's), one kustomize process per build.</summary>
public sealed class KustomizeBuilderTests
{
    private static readonly KustomizeBuilder Builder = new(KustomizeTool.Locate());

    private static KustomizationSpec Spec(string? path = null) => new() { Path = path };

    private static async Task<IReadOnlyList<JsonObject>> BuildAsync(ManifestTree tree, KustomizationSpec spec) =>
        await Builder.BuildAsync(tree.Root, spec, CancellationToken.None);

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) => Assert.Single(objects, o => (string?)o["kind"] == kind);

    private static string[] Names(IReadOnlyList<JsonObject> objects) =>
        objects.Select(o => (string?)o["metadata"]!["name"] ?? "").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_directory_without_kustomization_builds_every_YAML_file_below_it()
    {
        using var tree = new ManifestTree(
            ("apps/one.yaml", ConfigMapYaml("one")),
            ("apps/nested/two.yml", ConfigMapYaml("two") + "---\n" + ConfigMapYaml("three")),
            ("apps/nested/deeper/four.yaml", ConfigMapYaml("four")),
            ("apps/notes.txt", "not: [a manifest"),
            ("apps/README.md", "# readme"),
            ("apps/bundle/kustomization.yaml", "resources:\n- listed.yaml\n"),
            ("apps/bundle/listed.yaml", ConfigMapYaml("listed")),
            ("apps/bundle/unlisted.yaml", ConfigMapYaml("unlisted")),
            ("other/outside.yaml", ConfigMapYaml("outside")));

        var objects = await BuildAsync(tree, Spec("./apps"));

        Assert.Equal(["four", "listed", "one", "three", "two"], Names(objects));
    }

    [Fact]
    public async Task An_overlay_with_its_own_kustomization_builds_its_bases_and_files_elsewhere_in_the_source()
    {
        using var tree = new ManifestTree(
            ("base/kustomization.yaml", "resources:\n- deployment.yaml\n"),
            ("base/deployment.yaml", DeploymentYaml("web")),
            ("shared/settings.yaml", ConfigMapYaml("settings")),
            ("overlays/prod/kustomization.yaml", """
                resources:
                - ../../base
                - ../../shared/settings.yaml
                patches:
                - path: replicas.yaml

                """),
            ("overlays/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n"));

        var objects = await BuildAsync(tree, Spec("overlays/prod"));

        Assert.Equal(["settings", "web"], Names(objects));
        Assert.Equal(5L, (long)Single(objects, "Deployment")["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Patches_apply_to_their_targets_as_strategic_merge_and_JSON_6902()
    {
        using var tree = new ManifestTree(("web.yaml", DeploymentYaml("web")), ("api.yaml", DeploymentYaml("api")), ("cm.yaml", ConfigMapYaml("cm")));
        var spec = Spec() with
        {
            Patches =
            [
                new Patch
                {
                    PatchDocument = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  replicas: 4\n",
                    Target = new Selector { Kind = "Deployment", LabelSelector = "app=web" },
                },
                new Patch
                {
                    PatchDocument = "- op: add\n  path: /metadata/annotations\n  value:\n    patched: json6902\n",
                    Target = new Selector { Group = "apps", Version = "v1", Kind = "Deployment", Name = "api" },
                },
            ],
        };

        var objects = await BuildAsync(tree, spec);

        var web = objects.Single(o => (string?)o["metadata"]!["name"] == "web");
        var api = objects.Single(o => (string?)o["metadata"]!["name"] == "api");
        Assert.Equal(4L, (long)web["spec"]!["replicas"]!);
        Assert.Equal(1L, (long)api["spec"]!["replicas"]!);
        Assert.Equal("json6902", (string?)api["metadata"]!["annotations"]!["patched"]);
        Assert.Null(web["metadata"]!["annotations"]);
    }

    [Fact]
    public async Task Images_override_name_tag_and_digest_over_the_kustomization_file()
    {
        const string digest = "sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3";
        using var tree = new ManifestTree(
            ("kustomization.yaml", "resources:\n- web.yaml\n- api.yaml\nimages:\n- name: nginx\n  newTag: \"1.1\"\n"),
            ("web.yaml", DeploymentYaml("web", image: "nginx:1.0")),
            ("api.yaml", DeploymentYaml("api", image: "ghcr.io/org/api:0.1")));
        var spec = Spec() with
        {
            Images =
            [
                new KustomizeImage { Name = "nginx", NewName = "registry.example/nginx" },
                new KustomizeImage { Name = "ghcr.io/org/api", NewTag = "0.2", Digest = digest },
            ],
        };

        var objects = await BuildAsync(tree, spec);

        string? Image(string name) => (string?)objects.Single(o => (string?)o["metadata"]!["name"] == name)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"];
        Assert.Equal("registry.example/nginx:1.1", Image("web"));
        Assert.Equal($"ghcr.io/org/api@{digest}", Image("api"));
    }

    [Fact]
    public async Task Name_prefix_suffix_target_namespace_and_common_metadata_apply_to_every_object()
    {
        using var tree = new ManifestTree(
            ("cm.yaml", ConfigMapYaml("settings", ns: "elsewhere")),
            ("web.yaml", DeploymentYaml("web")));
        var spec = Spec() with
        {
            NamePrefix = "pre-",
            NameSuffix = "-suf",
            TargetNamespace = "team-a",
            CommonMetadata = new CommonMetadata
            {
                Labels = new Dictionary<string, string> { ["app"] = "common", ["tier"] = "backend" },
                Annotations = new Dictionary<string, string> { ["owner"] = "team-a" },
            },
        };

        var objects = await BuildAsync(tree, spec);

        Assert.Equal(["pre-settings-suf", "pre-web-suf"], Names(objects));
        Assert.All(objects, o =>
        {
            Assert.Equal("team-a", (string?)o["metadata"]!["namespace"]);
            Assert.Equal("common", (string?)o["metadata"]!["labels"]!["app"]);
            Assert.Equal("backend", (string?)o["metadata"]!["labels"]!["tier"]);
            Assert.Equal("team-a", (string?)o["metadata"]!["annotations"]!["owner"]);
        });
    }

    [Fact]
    public async Task Components_are_added_and_a_missing_one_fails_unless_ignored()
    {
        using var tree = new ManifestTree(
            ("app/cm.yaml", ConfigMapYaml("app")),
            ("components/extra/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\n"),
            ("components/extra/extra.yaml", ConfigMapYaml("extra")));

        var built = await BuildAsync(tree, Spec("app") with { Components = ["../components/extra"] });
        Assert.Equal(["app", "extra"], Names(built));

        using var again = new ManifestTree(("app/cm.yaml", ConfigMapYaml("app")));
        var missing = Spec("app") with { Components = ["../components/absent"] };
        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(again, missing));
        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Contains("components/absent", error.Message, StringComparison.Ordinal);

        using var ignored = new ManifestTree(("app/cm.yaml", ConfigMapYaml("app")));
        Assert.Equal(["app"], Names(await BuildAsync(ignored, missing with { IgnoreMissingComponents = true })));
    }

    [Theory]
    [InlineData("https://github.com/org/repo//base?ref=v1")]
    [InlineData("github.com/org/repo/base")]
    [InlineData("git@github.com:org/repo.git")]
    public async Task A_remote_base_is_refused_before_kustomize_runs(string remote)
    {
        using var tree = new ManifestTree(("overlay/kustomization.yaml", $"resources:\n- {remote}\n"));

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(tree, Spec("overlay")));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Equal($"overlay/kustomization.yaml: resources entry '{remote}' is remote or absolute; only paths inside the source are allowed (remote bases are disabled)", error.Message);
    }

    [Theory]
    [InlineData("file:///var/lib/repo.git//base")]
    [InlineData("git::file:///var/lib/repo.git//base")]
    public async Task With_remote_bases_allowed_a_repository_on_the_node_s_disk_is_still_refused(string entry)
    {
        using var tree = new ManifestTree(("overlay/kustomization.yaml", $"resources:\n- {entry}\n"));

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() =>
            new KustomizeBuilder(KustomizeTool.Locate(), allowRemoteBases: true).BuildAsync(tree.Root, Spec("overlay"), CancellationToken.None));

        Assert.Equal(
            $"overlay/kustomization.yaml: resources entry '{entry}' reads a repository on the node's disk; only the source and remote repositories are allowed",
            error.Message);
    }

    [Fact]
    public async Task A_reference_leaving_the_source_is_refused_also_in_a_reached_base()
    {
        using var tree = new ManifestTree(
            ("overlay/kustomization.yaml", "resources:\n- ../base\n"),
            ("base/kustomization.yaml", "configMapGenerator:\n- name: stolen\n  files:\n  - passwd=../../../../../../etc/passwd\n"));

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(tree, Spec("overlay")));

        Assert.Equal("base/kustomization.yaml: configMapGenerator entry '../../../../../../etc/passwd' points outside the source", error.Message);
    }

    [Fact]
    public async Task A_YAML_file_that_does_not_parse_fails_naming_the_file()
    {
        using var generated = new ManifestTree(("apps/good.yaml", ConfigMapYaml("good")), ("apps/sub/bad.yaml", "kind: ConfigMap\nmetadata: [unclosed\n"));
        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(generated, Spec("apps")));
        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.StartsWith("failed to decode Kubernetes YAML from apps/sub/bad.yaml: ", error.Message, StringComparison.Ordinal);

        using var listed = new ManifestTree(("kustomization.yaml", "resources:\n- bad.yaml\n"), ("bad.yaml", "kind: ConfigMap\nmetadata: [unclosed\n"));
        var kustomizeError = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(listed, Spec()));
        Assert.Equal(ConditionReasons.BuildFailed, kustomizeError.Reason);
        Assert.StartsWith("kustomize build failed: accumulating resources: accumulating resources from 'bad.yaml': MalformedYAMLError: ", kustomizeError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(listed.Root, kustomizeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_missing_from_the_artifact_is_an_artifact_failure()
    {
        using var tree = new ManifestTree(("apps/cm.yaml", ConfigMapYaml("cm")));

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(tree, Spec("./clusters/prod")));

        Assert.Equal(ConditionReasons.ArtifactFailed, error.Reason);
        Assert.Contains("kustomization path not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_cannot_climb_out_of_the_artifact()
    {
        using var tree = new ManifestTree(("apps/cm.yaml", ConfigMapYaml("inside")));

        var objects = await BuildAsync(tree, Spec("../../../apps"));

        Assert.Equal(["inside"], Names(objects));
    }

    [Fact]
    public async Task A_directory_without_manifests_builds_nothing()
    {
        using var tree = new ManifestTree(("empty/notes.txt", "nothing to apply"));

        Assert.Empty(await BuildAsync(tree, Spec("empty")));
    }

    [Fact]
    public async Task An_object_without_a_kind_fails_the_build()
    {
        using var tree = new ManifestTree(("cm.yaml", "apiVersion: v1\nmetadata:\n  name: nameless-kind\n"));

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() => BuildAsync(tree, Spec()));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
    }

    [Fact]
    public async Task Substitution_in_the_build_types_values_as_Flux_does_and_precedes_common_metadata()
    {
        using var tree = new ManifestTree(("web.yaml", DeploymentYaml("web").Replace("replicas: 1", "replicas: ${REPLICAS}", StringComparison.Ordinal)
            + "---\n" + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  quoted: \"${ENABLED}\"\n  kept: ${quote}${ENABLED}${quote}\n  version: ${quote}${VERSION}${quote}\n"));
        var spec = Spec() with
        {
            PostBuild = new KustomizationPostBuild(),
            CommonMetadata = new CommonMetadata { Annotations = new Dictionary<string, string> { ["note"] = "${NOT_A_VARIABLE}" } },
        };
        var variables = new Dictionary<string, string> { ["REPLICAS"] = "2", ["ENABLED"] = "true", ["VERSION"] = "1.10", ["quote"] = "\"" };

        var objects = await Builder.BuildAsync(tree.Root, spec, variables, strict: true, CancellationToken.None);

        Assert.Equal(2L, (long)Single(objects, "Deployment")["spec"]!["replicas"]!);
        var data = Single(objects, "ConfigMap")["data"]!;
        Assert.Equal(JsonValueKind.True, data["quoted"]!.GetValueKind());
        Assert.Equal("true", (string?)data["kept"]);
        Assert.Equal("1.10", (string?)data["version"]);
        Assert.All(objects, o => Assert.Equal("${NOT_A_VARIABLE}", (string?)o["metadata"]!["annotations"]!["note"]));
    }
}
