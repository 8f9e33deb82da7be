using System.Text.Json.Nodes;
using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply;

public sealed class DriftDetectorTests
{
    private static JsonObject Live() => JsonNode.Parse("""
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"a","namespace":"n","resourceVersion":"7","uid":"u","labels":{"l":"1"},"annotations":{"a":"1"},
                     "managedFields":[{"manager":"fleet","operation":"Apply","time":"2026-01-01T00:00:00Z"}]},
         "data":{"k":"v"}}
        """)!.AsObject();

    [Fact]
    public void AnIdenticalDryRunHasNotDrifted()
    {
        Assert.False(DriftDetector.HasDrifted(Live(), Live()));
    }

    [Fact]
    public void ServerManagedMetadataAndStatusDoNotCount()
    {
        var dryRun = Live();
        dryRun["metadata"]!["resourceVersion"] = "8";
        dryRun["metadata"]!["managedFields"] = new JsonArray();
        dryRun["status"] = new JsonObject { ["x"] = 1 };

        Assert.False(DriftDetector.HasDrifted(Live(), dryRun));
    }

    [Fact]
    public void AWouldBeCreateHasDrifted()
    {
        var dryRun = Live();
        dryRun["metadata"]!.AsObject().Remove("resourceVersion");

        Assert.True(DriftDetector.HasDrifted(null, dryRun));
        Assert.True(DriftDetector.HasDrifted(Live(), dryRun));
    }

    [Theory]
    [InlineData("labels")]
    [InlineData("annotations")]
    public void ChangedLabelsOrAnnotationsHaveDrifted(string map)
    {
        var dryRun = Live();
        dryRun["metadata"]![map]!["new"] = "x";

        Assert.True(DriftDetector.HasDrifted(Live(), dryRun));
    }

    [Fact]
    public void AnEmptyMapEqualsAnAbsentOne()
    {
        var live = Live();
        live["metadata"]!.AsObject().Remove("labels");
        var dryRun = Live();
        dryRun["metadata"]!["labels"] = new JsonObject();

        Assert.False(DriftDetector.HasDrifted(live, dryRun));
    }

    [Fact]
    public void AChangedBodyHasDrifted()
    {
        var dryRun = Live();
        dryRun["data"]!["k"] = "w";

        Assert.True(DriftDetector.HasDrifted(Live(), dryRun));
    }
}
