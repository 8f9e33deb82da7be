using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Actors.Kube.Crds;
using Fleet.Messages.Api;
using Fleet.Tests.Support;

namespace Fleet.Tests.Crds;

/// <summary>The CRD files committed under <c>k8s/crds/</c>, as the tests read them.</summary>
public static class CommittedCrds
{
    public const string RegenerateCommand = "dotnet run --project Fleet.Node -- crds";

    public static string DirectoryPath => Path.Combine(RepositoryPaths.Root, "k8s", "crds");

    public static TheoryData<string> Kinds() => new(FluxKinds.All.Select(k => k.Kind));

    public static FluxKind Kind(string name) => FluxKinds.Find(name) ?? throw new ArgumentException($"unknown kind {name}");

    public static JsonObject Read(FluxKind kind) =>
        YamlJson.ParseSingle(File.ReadAllText(Path.Combine(DirectoryPath, CrdGenerator.FileName(kind))))!.AsObject();

    public static IEnumerable<JsonObject> Versions(JsonObject crd) => crd["spec"]!["versions"]!.AsArray().Select(v => v!.AsObject());

    public static JsonObject Schema(JsonObject version) => version["schema"]!["openAPIV3Schema"]!.AsObject();
}
