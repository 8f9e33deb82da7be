using Fleet.Actors.Kube;
using Fleet.Actors.Kustomize;
using Fleet.Actors.Kustomize.InProcess;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Kustomize;

/// <summary>
/// YAML that YamlDotNet's scanner rejects with an InvalidOperationException or ArgumentException instead of a
/// YamlException is still a YAML error: a build failure that names the file, never a .NET exception text.
/// </summary>
public sealed class MalformedYamlTests : IDisposable
{
    /// <summary>The first makes the scanner throw InvalidOperationException, the second ArgumentException.</summary>
    public static readonly TheoryData<string> Malformed = new()
    {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  value: \"1\"\n  [ist: [a, b]\n  m: {k: v}\n---\nkind: \n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n   : x: \"y\"\ndata:\n  value:\n\"1\"\n",
    };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fleet-malformed-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TheParsersReportAFormatErrorWithAPosition(string yaml)
    {
        var error = Assert.Throws<FormatException>(() => YamlJson.ParseDocuments(yaml));
        Assert.StartsWith("invalid YAML ", error.Message, StringComparison.Ordinal);
        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
        Assert.Null(KustomizeYaml.TryParseDocuments(yaml));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task ABuildWithoutAKustomizationFileFailsNamingTheFile(string yaml)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "deploy"));
        File.WriteAllText(Path.Combine(_root.FullName, "deploy", "good.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        File.WriteAllText(Path.Combine(_root.FullName, "deploy", "broken.yaml"), yaml);

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() =>
            new KustomizeBuilder(KustomizeTool.Locate()).BuildAsync(_root.FullName, new KustomizationSpec { Path = "./deploy" }, CancellationToken.None));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.StartsWith("failed to decode Kubernetes YAML from deploy/broken.yaml: invalid YAML ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task ABuildWhoseKustomizationListsTheFileLeavesItToKustomizeWhichNamesIt(string yaml)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "deploy"));
        File.WriteAllText(Path.Combine(_root.FullName, "deploy", "kustomization.yaml"), "resources:\n  - broken.yaml\n");
        File.WriteAllText(Path.Combine(_root.FullName, "deploy", "broken.yaml"), yaml);

        var error = await Assert.ThrowsAsync<KustomizeBuildException>(() =>
            new KustomizeBuilder(KustomizeTool.Locate()).BuildAsync(_root.FullName, new KustomizationSpec { Path = "./deploy" }, CancellationToken.None));

        Assert.Equal(ConditionReasons.BuildFailed, error.Reason);
        Assert.Contains("broken.yaml", error.Message, StringComparison.Ordinal);
    }
}
