using System.Text.Json;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Api.Meta;

/// <summary>Durations read and written exactly as Flux (Go's time package) reads and writes them.</summary>
public class GoDurationTests
{
    [Theory]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("10m", 600_000)]
    [InlineData("1h0m0s", 3_600_000)]
    [InlineData("60s", 60_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1.s", 1_000)]
    [InlineData(".5s", 500)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("+5s", 5_000)]
    [InlineData("-1m", -60_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    [InlineData("2000000ns", 2)]
    public void ParsesGoDurations(string text, double milliseconds)
    {
        var duration = GoDuration.Parse(text);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration.Value);
        Assert.Equal(text, duration.Text);
    }

    [Theory]
    [InlineData("1x")]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("1.2.3s")]
    [InlineData("10")]
    [InlineData("1m30")]
    [InlineData("s1")]
    [InlineData(".s")]
    [InlineData("-")]
    [InlineData("1 m")]
    [InlineData(" 1m")]
    [InlineData("1M")]
    [InlineData("1d")]
    [InlineData("1h-30m")]
    [InlineData("9999999999999999999h")]
    public void RejectsTextThatIsNotAGoDuration(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => GoDuration.Parse(text));
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseRejectsNull() => Assert.False(GoDuration.TryParse(null, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    [InlineData(1_000, "1s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(600_000, "10m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(90_000_000, "25h0m0s")]
    [InlineData(3_723_456, "1h2m3.456s")]
    [InlineData(1.5, "1.5ms")]
    [InlineData(0.5, "500µs")]
    [InlineData(0.0015, "1.5µs")]
    [InlineData(0.0001, "100ns")]
    [InlineData(-90_000, "-1m30s")]
    [InlineData(-0.25, "-250µs")]
    public void FormatsLikeGoDurationString(double milliseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal(expected, GoDuration.FromTimeSpan(TimeSpan.FromMilliseconds(milliseconds)).Text);
    }

    [Theory]
    [InlineData("1m30s")]
    [InlineData("1h0m0s")]
    [InlineData("1.5s")]
    [InlineData("250ms")]
    [InlineData("500µs")]
    public void FormattedTextParsesBackToTheSameDuration(string text)
    {
        var duration = GoDuration.Parse(text);

        Assert.Equal(text, GoDuration.Format(duration.Value));
    }

    [Theory]
    [InlineData("90s")]
    [InlineData("1h")]
    [InlineData("0")]
    [InlineData("1.5h")]
    [InlineData("1m30s")]
    public void KeepsTheOriginalTextThroughJson(string text)
    {
        var json = $"{{\"interval\":\"{text}\"}}";

        var holder = JsonSerializer.Deserialize<DurationHolder>(json)!;

        Assert.Equal(GoDuration.Parse(text).Value, holder.Interval!.Value);
        Assert.Equal(json, JsonSerializer.Serialize(holder));
    }

    [Theory]
    [InlineData("{\"interval\":\"1x\"}")]
    [InlineData("{\"interval\":\"\"}")]
    [InlineData("{\"interval\":90}")]
    [InlineData("{\"interval\":true}")]
    public void JsonRejectsWhatIsNotADurationString(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DurationHolder>(json));
        Assert.Contains("duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesWithTheSameTextAreEqual()
    {
        Assert.Equal(GoDuration.Parse("1m"), GoDuration.Parse("1m"));
        Assert.NotEqual(GoDuration.Parse("1m"), GoDuration.Parse("60s"));
        Assert.Equal("60s", GoDuration.Parse("60s").ToString());
    }

    private sealed record DurationHolder
    {
        [System.Text.Json.Serialization.JsonPropertyName("interval")]
        public GoDuration? Interval { get; init; }
    }
}
