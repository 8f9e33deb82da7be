using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleet.Messages.Api;

namespace Fleet.Tests.Crds;

/// <summary>What a user of the committed CRDs notices first: names, validation, columns and versions.</summary>
public class CrdSpotCheckTests
{
    [Fact]
    public void GitRepositoryUrlMustBeHttpHttpsOrSsh()
    {
        var spec = SpecSchema(FluxKinds.GitRepository);

        Assert.Equal("^(http|https|ssh)://.*$", (string?)spec["properties"]!["url"]!["pattern"]);
        Assert.Contains("url", Required(spec));
        Assert.Contains("interval", Required(spec));
    }

    [Fact]
    public void KustomizationPruneIsRequired() => Assert.Contains("prune", Required(SpecSchema(FluxKinds.Kustomization)));

    [Theory]
    [InlineData("GitRepository", "gitrepo")]
    [InlineData("Kustomization", "ks")]
    [InlineData("HelmRelease", "hr")]
    [InlineData("OCIRepository", "ocirepo")]
    [InlineData("ImagePolicy", "imgpol")]
    public void FluxShortNamesWork(string kind, string shortName)
    {
        var names = CommittedCrds.Read(CommittedCrds.Kind(kind))["spec"]!["names"]!;

        Assert.Contains(shortName, names["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("fluxcd", names["categories"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [MemberData(nameof(CommittedCrds.Kinds), MemberType = typeof(CommittedCrds))]
    public void ReconciledKindsShowReadyStatusAndAgeColumnsThatPointIntoTheSchema(string kindName)
    {
        var kind = CommittedCrds.Kind(kindName);
        foreach (var version in CommittedCrds.Versions(CommittedCrds.Read(kind)))
        {
            var columns = version["additionalPrinterColumns"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var names = columns.Select(c => (string?)c["name"]).ToList();

            Assert.Contains("Age", names);
            if (kind.Reconciled)
            {
                Assert.Contains("Ready", names);
                Assert.Contains("Status", names);
            }
            Assert.All(columns, c => Assert.True(
                Resolve(CommittedCrds.Schema(version), (string)c["jsonPath"]!) is not null,
                $"{kindName} column {c["name"]}: {c["jsonPath"]} is not a field of the schema"));
        }
    }

    [Theory]
    [MemberData(nameof(CommittedCrds.Kinds), MemberType = typeof(CommittedCrds))]
    public void NewObjectsOfReconciledKindsReadAsNotYetObserved(string kindName)
    {
        var kind = CommittedCrds.Kind(kindName);
        var status = CommittedCrds.Schema(CommittedCrds.Versions(CommittedCrds.Read(kind)).First())["properties"]!["status"]!;

        Assert.Equal(kind.Reconciled ? """{"observedGeneration":-1}""" : null, status["default"]?.ToJsonString());
    }

    [Theory]
    [InlineData("GitRepository", ".status.artifact.revision")]
    [InlineData("OCIRepository", ".status.artifact.revision")]
    [InlineData("Bucket", ".status.artifact.revision")]
    [InlineData("HelmChart", ".status.artifact.revision")]
    [InlineData("Kustomization", ".status.lastAppliedRevision")]
    [InlineData("HelmRelease", ".status.history[0].chartVersion")]
    public void AppliersAndSourcesShowTheirRevision(string kind, string jsonPath)
    {
        var columns = CommittedCrds.Versions(CommittedCrds.Read(CommittedCrds.Kind(kind))).Single()["additionalPrinterColumns"]!.AsArray();

        var revision = Assert.Single(columns, c => (string?)c!["name"] == "Revision");
        Assert.Equal(jsonPath, (string?)revision!["jsonPath"]);
        Assert.Null(revision["priority"]);
    }

    [Theory]
    [InlineData("ImageRepository")]
    [InlineData("ImagePolicy")]
    [InlineData("ImageUpdateAutomation")]
    public void ImageKindsStoreV1AndStillServeDeprecatedV1beta2(string kind)
    {
        var versions = CommittedCrds.Versions(CommittedCrds.Read(CommittedCrds.Kind(kind))).ToDictionary(v => (string)v["name"]!);

        Assert.True(versions["v1"]["storage"]!.GetValue<bool>());
        Assert.Null(versions["v1"]["deprecated"]);
        Assert.True(versions["v1beta2"]["served"]!.GetValue<bool>());
        Assert.False(versions["v1beta2"]["storage"]!.GetValue<bool>());
        Assert.True(versions["v1beta2"]["deprecated"]!.GetValue<bool>());
        Assert.Equal($"v1beta2 {kind} is deprecated, upgrade to v1", (string?)versions["v1beta2"]["deprecationWarning"]);
        Assert.True(JsonNode.DeepEquals(CommittedCrds.Schema(versions["v1"]), CommittedCrds.Schema(versions["v1beta2"])));
    }

    private static JsonObject SpecSchema(FluxKind kind) =>
        CommittedCrds.Schema(CommittedCrds.Versions(CommittedCrds.Read(kind)).First())["properties"]!["spec"]!.AsObject();

    private static IEnumerable<string?> Required(JsonObject schema) => schema["required"]!.AsArray().Select(n => (string?)n);

    /// <summary>Follows a printer column's JSONPath (fields, <c>[0]</c>, <c>[?(…)]</c>) through the schema.</summary>
    private static JsonNode? Resolve(JsonObject schema, string jsonPath)
    {
        if (jsonPath == ".metadata.creationTimestamp")
        {
            return schema["properties"]!["metadata"];
        }
        JsonNode? node = schema;
        foreach (var segment in Regex.Replace(jsonPath, @"\[[^\]]*\]", "[]").TrimStart('.').Split('.'))
        {
            node = node?["properties"]?[segment.Replace("[]", "", StringComparison.Ordinal)];
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node?["items"];
            }
        }
        return node;
    }
}
