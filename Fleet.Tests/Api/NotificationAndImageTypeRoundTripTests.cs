using System.Text.Json.Nodes;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Image;
using Fleet.Messages.Api.Notification;
using Fleet.Tests.Support;

namespace Fleet.Tests.Api;

/// <summary>
/// Full samples of the notification and image kinds, setting every field Flux defines, read into
/// Fleet's types and write back unchanged; v1beta2 image objects keep their version.
/// </summary>
public class NotificationAndImageTypeRoundTripTests
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "Fleet.Tests", "Api", "Samples");

    public static TheoryData<string, string> FullSamples() => new()
    {
        { "Receiver", "receiver.yaml" },
        { "Provider", "provider.yaml" },
        { "Alert", "alert.yaml" },
        { "ImageRepository", "imagerepository.yaml" },
        { "ImagePolicy", "imagepolicy.yaml" },
        { "ImageUpdateAutomation", "imageupdateautomation.yaml" },
    };

    [Theory]
    [MemberData(nameof(FullSamples))]
    public void FullSampleRoundTripsUnchanged(string kindName, string file)
    {
        var kind = FluxKinds.Find(kindName)!;
        foreach (var original in Read(file))
        {
            Assert.Equal(kind.ApiVersion, original["apiVersion"]!.GetValue<string>());
            AssertRoundTrips(kind, original);
        }
    }

    [Theory]
    [MemberData(nameof(FullSamples))]
    public void FullSampleSetsEveryFieldOfTheType(string kindName, string file)
    {
        var kind = FluxKinds.Find(kindName)!;

        var unset = JsonFieldCoverage.UnsetFields(kind.ClrType, Read(file));

        Assert.True(unset.Count == 0, $"{file} leaves unset: {string.Join(", ", unset.Order())}");
    }

    [Theory]
    [InlineData("ImageRepository", "imagerepository.yaml")]
    [InlineData("ImagePolicy", "imagepolicy.yaml")]
    public void V1beta2ImageObjectRoundTripsKeepingItsVersion(string kindName, string file)
    {
        var kind = FluxKinds.Find(kindName)!;
        Assert.Contains("v1beta2", kind.AlternateVersions);
        foreach (var original in Read(file))
        {
            original["apiVersion"] = $"{FluxGroups.Image}/v1beta2";
            AssertRoundTrips(kind, original);
        }
    }

    [Fact]
    public void V1beta2AutomationReadsIntoTheV1TypeWithoutSigningKeyType()
    {
        var original = Read("imageupdateautomation-v1beta2.yaml").Single();

        var automation = FleetJson.Deserialize<ImageUpdateAutomation>(original.ToJsonString())!;

        Assert.Equal("image.toolkit.fluxcd.io/v1beta2", automation.ApiVersion);
        Assert.Equal("gpg-signing-key", automation.Spec.Git!.Commit.SigningKey!.SecretRef.Name);
        Assert.Null(automation.Spec.Git.Commit.SigningKey.Type);
        AssertRoundTrips(FluxKinds.ImageUpdateAutomation, original);
    }

    [Fact]
    public void FieldsLandOnTheirTypedProperties()
    {
        var receiver = FleetJson.Deserialize<Receiver>(Read("receiver.yaml")[0].ToJsonString())!;
        var automation = FleetJson.Deserialize<ImageUpdateAutomation>(Read("imageupdateautomation.yaml")[0].ToJsonString())!;
        var repository = FleetJson.Deserialize<ImageRepository>(Read("imagerepository.yaml")[0].ToJsonString())!;

        Assert.Equal(TimeSpan.FromMinutes(5), receiver.Spec.Interval!.Value);
        Assert.Equal("/hook/bed6d00b5555b1603e1f59b94d7fdbca58089cb5663633fb83f2815dc626d92b", receiver.Status!.WebhookPath);
        Assert.Equal("res.metadata.name.startsWith('pod')", receiver.Spec.Resources[1].Filter);
        Assert.Equal(SigningKeyTypes.Ssh, automation.Spec.Git!.Commit.SigningKey!.Type);
        Assert.Equal("6.7.1", automation.Status!.ObservedPolicies!["podinfo"].Tag);
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), automation.Status.LastPushTime!.Value.ToUniversalTime());
        Assert.Equal(3, repository.Status!.LastScanResult!.TagCount);
        Assert.Equal(TimeSpan.FromSeconds(90), repository.Spec.Timeout!.Value);
    }

    private static List<JsonObject> Read(string file) =>
        YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(Samples, file))).Select(d => d!.AsObject()).ToList();

    private static void AssertRoundTrips(FluxKind kind, JsonObject original)
    {
        var typed = FleetJson.Deserialize(original.ToJsonString(), kind.ClrType)!;
        var written = FleetJson.SerializeToNode(typed);

        Assert.True(
            JsonNode.DeepEquals(original, written),
            $"{kind.Kind} changed in a round trip:\nbefore: {original.ToJsonString()}\nafter:  {written?.ToJsonString()}");
    }
}
