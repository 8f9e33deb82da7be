using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Tests.Support;


namespace Fleet.Tests.Api;

/// <summary>Every Flux object in the seed examples reads into Fleet's types and writes back unchanged.</summary>
public class SeedRoundTripTests
{
    public static TheoryData<string, int> SeedDocuments()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.SeedExamples, "*.yaml").Order())
        {
            var count = YamlJson.ParseDocuments(File.ReadAllText(file)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedDocuments))]
    public void SeedObjectRoundTripsWithoutLosingOrInventingFields(string file, int index)
    {
        var original = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(RepositoryPaths.SeedExamples, file)))[index]!.AsObject();
        var apiVersion = original["apiVersion"]!.GetValue<string>();
        var group = apiVersion.Split('/')[0];
        if (!apiVersion.Contains(".toolkit.fluxcd.io/", StringComparison.Ordinal))
        {
            return;
        }
        var kind = FluxKinds.All.SingleOrDefault(k => k.Group == group && k.Kind == original["kind"]!.GetValue<string>());
        Assert.True(kind is not null, $"{file}#{index}: no Fleet type for {apiVersion} {original["kind"]}");
        var version = apiVersion.Split('/')[1];
        Assert.Contains(version, kind.AlternateVersions.Prepend(kind.Version));

        var typed = FleetJson.Deserialize(original.ToJsonString(), kind.ClrType)!;
        var written = FleetJson.SerializeToNode(typed);

        Assert.True(JsonNode.DeepEquals(original, written), $"{file}#{index} changed in a round trip:\nbefore: {original.ToJsonString()}\nafter:  {written?.ToJsonString()}");
    }
}
