using Fleet.Actors.Sources.SemVer;

namespace Fleet.Tests.Sources;

public sealed class SemVerRangeTests
{
    [Theory]
    [InlineData(">=1.0.0 <2.0.0", "1.0.0", true)]
    [InlineData(">=1.0.0 <2.0.0", "1.9.9", true)]
    [InlineData(">=1.0.0 <2.0.0", "2.0.0", false)]
    [InlineData(">=1.0.0, <2.0.0", "0.9.0", false)]
    [InlineData("^1.2", "1.2.0", true)]
    [InlineData("^1.2", "1.9.0", true)]
    [InlineData("^1.2", "2.0.0", false)]
    [InlineData("^1.2", "1.1.9", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1.2.3", "1.2.2", false)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("1.x", "1.5.2", true)]
    [InlineData("1.x", "2.0.0", false)]
    [InlineData("1.2.x", "1.2.7", true)]
    [InlineData("1.2.x", "1.3.0", false)]
    [InlineData("*", "7.0.1", true)]
    [InlineData("1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "1.2.4", false)]
    [InlineData("!=1.2.3", "1.2.3", false)]
    [InlineData("!=1.2.3", "1.2.4", true)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData("<=1.2", "1.2.9", true)]
    [InlineData("<=1.2", "1.3.0", false)]
    [InlineData("^1.0 || ^3.0", "3.1.0", true)]
    [InlineData("^1.0 || ^3.0", "2.1.0", false)]
    [InlineData(">= 1.0.0", "1.0.1", true)]
    public void Range_matches_as_Masterminds_semver_does(string range, string version, bool expected)
    {
        Assert.Equal(expected, SemVerRange.Parse(range).Matches(SemanticVersion.TryParse(version)!));
    }

    [Theory]
    [InlineData(">=1.0.0", "1.1.0-rc.1", false)]
    [InlineData(">=1.1.0-rc.0", "1.1.0-rc.1", true)]
    [InlineData("*", "2.0.0-alpha", false)]
    public void Prereleases_match_only_ranges_that_name_one(string range, string version, bool expected)
    {
        Assert.Equal(expected, SemVerRange.Parse(range).Matches(SemanticVersion.TryParse(version)!));
    }

    [Fact]
    public void Versions_order_by_semver_precedence()
    {
        var sorted = new[] { "1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "0.9.10", "0.9.9", "v1.0.1" }
            .Select(text => SemanticVersion.TryParse(text)!)
            .Order()
            .Select(version => version.ToString());
        Assert.Equal(["0.9.9", "0.9.10", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-rc.1", "1.0.0", "1.0.1"], sorted);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1.2.3.4")]
    [InlineData("v01.2.3")]
    public void Tags_that_are_not_versions_are_not_parsed(string tag)
    {
        Assert.Null(SemanticVersion.TryParse(tag));
    }

    [Theory]
    [InlineData(">=banana")]
    [InlineData("1.2.3 <")]
    public void A_malformed_range_is_refused_with_the_bad_part_named(string range)
    {
        var error = Assert.Throws<FormatException>(() => SemVerRange.Parse(range));
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
    }
}
