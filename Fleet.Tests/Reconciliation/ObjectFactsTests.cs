using System.Text.Json;
using Fleet.Actors.Reconciliation;

namespace Fleet.Tests.Reconciliation;

/// <summary>The scheduling fields read from any Flux object.</summary>
public class ObjectFactsTests
{
    [Fact]
    public void ReadsEverySchedulingField()
    {
        var facts = ObjectFacts.Parse("""
            {
              "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
              "kind": "Kustomization",
              "metadata": {
                "name": "apps",
                "namespace": "flux-system",
                "uid": "7c1e0b3a",
                "generation": 12,
                "deletionTimestamp": "2026-01-01T10:00:00Z",
                "annotations": { "reconcile.fluxcd.io/requestedAt": "2026-01-01T09:59:00.123Z", "other": "x" }
              },
              "spec": { "interval": "10m", "retryInterval": "1m30s", "timeout": "5m", "suspend": true }
            }
            """);

        Assert.Equal("7c1e0b3a", facts.Uid);
        Assert.Equal(12, facts.Generation);
        Assert.Equal("2026-01-01T09:59:00.123Z", facts.RequestedAt);
        Assert.True(facts.Suspended);
        Assert.Equal(TimeSpan.FromMinutes(10), facts.Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), facts.RetryInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), facts.Timeout);
        Assert.True(facts.Deleting);
        Assert.Equal("apps", facts.Object["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void MissingFieldsReadAsUnsetDefaults()
    {
        var facts = ObjectFacts.Parse("{\"kind\":\"GitRepository\",\"metadata\":{\"name\":\"podinfo\"},\"spec\":{}}");

        Assert.Null(facts.Uid);
        Assert.Equal(0, facts.Generation);
        Assert.Null(facts.RequestedAt);
        Assert.False(facts.Suspended);
        Assert.Null(facts.Interval);
        Assert.Null(facts.RetryInterval);
        Assert.Null(facts.Timeout);
        Assert.False(facts.Deleting);
    }

    [Fact]
    public void AnObjectWithoutMetadataOrSpecIsReadable()
    {
        var facts = ObjectFacts.Parse("{}");

        Assert.Equal((null, 0L, null, false, null, false), (facts.Uid, facts.Generation, facts.RequestedAt, facts.Suspended, facts.Interval, facts.Deleting));
    }

    [Fact]
    public void SuspendFalseIsNotSuspended()
    {
        Assert.False(ObjectFacts.Parse("{\"spec\":{\"suspend\":false}}").Suspended);
    }

    [Fact]
    public void OtherAnnotationsAreNotARequest()
    {
        var facts = ObjectFacts.Parse("{\"metadata\":{\"annotations\":{\"reconcile.fluxcd.io/forceAt\":\"x\"}}}");

        Assert.Null(facts.RequestedAt);
    }

    [Theory]
    [InlineData("interval", "1x")]
    [InlineData("retryInterval", "soon")]
    [InlineData("timeout", "5")]
    [InlineData("interval", "")]
    public void AMalformedDurationIsRejectedNamingItsField(string field, string value)
    {
        var json = $"{{\"spec\":{{\"{field}\":\"{value}\"}}}}";

        var error = Assert.Throws<FormatException>(() => ObjectFacts.Parse(json));

        Assert.Contains($"spec.{field}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interval", "60")]
    [InlineData("timeout", "true")]
    [InlineData("retryInterval", "{}")]
    public void ADurationThatIsNotAStringIsRejectedNamingItsField(string field, string value)
    {
        var json = $"{{\"spec\":{{\"{field}\":{value}}}}}";

        var error = Assert.Throws<FormatException>(() => ObjectFacts.Parse(json));

        Assert.Contains($"spec.{field}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void JsonThatIsNotAnObjectIsRejected(string json)
    {
        var error = Assert.Throws<FormatException>(() => ObjectFacts.Parse(json));

        Assert.Contains("not a JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNotJsonIsRejected()
    {
        Assert.ThrowsAny<JsonException>(() => ObjectFacts.Parse("kind: GitRepository"));
    }
}
