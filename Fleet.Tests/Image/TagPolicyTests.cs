using Fleet.Actors.Image;
using Fleet.Messages.Api.Image;

namespace Fleet.Tests.Image;

/// <summary>ImagePolicy's choice of the latest tag, as a table of tag lists and the tag Flux picks from each.</summary>
public sealed class TagPolicyTests
{
    public static TheoryData<string, string[], ImagePolicyChoice, ImagePolicyTagFilter?, string> Picks => new()
    {
        { "semver highest in range", ["1.0.0", "1.2.3", "1.2.4", "2.0.0", "latest"], SemVer(">=1.0.0 <2.0.0"), null, "1.2.4" },
        { "semver skips pre-releases the range does not name", ["1.2.3", "1.3.0-rc.1"], SemVer(">=1.0.0"), null, "1.2.3" },
        { "semver takes pre-releases a range names", ["1.2.3", "1.3.0-rc.1", "1.3.0-rc.2"], SemVer(">=1.3.0-rc.0"), null, "1.3.0-rc.2" },
        { "semver release above its pre-release", ["1.3.0-rc.2", "1.3.0"], SemVer(">=1.3.0-0"), null, "1.3.0" },
        { "semver numeric pre-release parts", ["1.0.0-rc.9", "1.0.0-rc.10"], SemVer(">=1.0.0-rc.1 <=1.0.0"), null, "1.0.0-rc.10" },
        { "semver keeps the v prefix of the tag", ["v1.9.0", "v1.10.0", "v1.2.0"], SemVer("^1.0"), null, "v1.10.0" },
        { "semver tilde stays in the minor", ["1.2.3", "1.2.9", "1.3.0"], SemVer("~1.2.0"), null, "1.2.9" },
        { "semver wildcard", ["3.1.0", "3.9.9", "4.0.0"], SemVer("3.x"), null, "3.9.9" },
        { "semver alternatives", ["1.5.0", "2.5.0", "3.5.0"], SemVer("<2.0.0 || >=3.0.0 <3.1.0"), null, "1.5.0" },
        { "alphabetical asc picks the last", ["a", "c", "b", "C"], Alphabetical(null), null, "c" },
        { "alphabetical desc picks the first", ["b", "c", "a"], Alphabetical("desc"), null, "a" },
        { "alphabetical is byte order", ["RELEASE.2023-01-31T08-42-01Z", "RELEASE.2023-02-01T08-42-01Z"], Alphabetical("asc"), null, "RELEASE.2023-02-01T08-42-01Z" },
        { "numerical asc picks the largest", ["1", "10", "9", "2.5"], Numerical(null), null, "10" },
        { "numerical desc picks the smallest", ["5", "-1", "3"], Numerical("desc"), null, "-1" },
        { "numerical tie goes to the later tag", ["7.0", "7"], Numerical("asc"), null, "7" },
        {
            "filterTags with extract orders by the named group and returns the tag",
            ["main-abc123-1700000300", "main-def456-1700000100", "feature-x-1700000900", "main-fed789-1700000200"],
            Numerical("asc"), new ImagePolicyTagFilter { Pattern = "^main-[a-f0-9]+-(?P<ts>[0-9]+)", Extract = "$ts" }, "main-abc123-1700000300"
        },
        {
            "filterTags keeps matching tags and extract drops the suffix semver would read as a pre-release",
            ["1.0.0", "1.1.0-alpine", "1.0.1-alpine", "2.0.0"],
            SemVer(">=1.0.0"), new ImagePolicyTagFilter { Pattern = "^(?P<v>.*)-alpine$", Extract = "$v" }, "1.1.0-alpine"
        },
        {
            "extract with braces and a numbered group",
            ["build-20240101-1", "build-20240315-2", "build-20231231-3"],
            Alphabetical("asc"), new ImagePolicyTagFilter { Pattern = "^build-(?P<date>[0-9]{8})-([0-9])$", Extract = "${date}" }, "build-20240315-2"
        },
        {
            "extract turns prefixed versions into semver values",
            ["release-v1.4.0", "release-v1.10.0", "other-v9.0.0"],
            SemVer("1.x"), new ImagePolicyTagFilter { Pattern = "^release-v(?P<version>.*)$", Extract = "$version" }, "release-v1.10.0"
        },
    };

    [Theory]
    [MemberData(nameof(Picks))]
    public void Picks_the_tag_Flux_picks(string why, string[] tags, ImagePolicyChoice policy, ImagePolicyTagFilter? filter, string expected)
    {
        Assert.True(expected == TagPolicy.Select(tags, policy, filter), why);
    }

    [Theory]
    [InlineData("no tag in range", "unable to determine latest version from provided list", false)]
    [InlineData("no tag at all", "version list argument cannot be empty", false)]
    [InlineData("suffixed tags are pre-releases", "unable to determine latest version from provided list", false)]
    [InlineData("bad range", "invalid semver range 'not-a-range'", true)]
    [InlineData("bad pattern", "invalid regular expression pattern '(unclosed'", true)]
    [InlineData("not a number", "failed to parse invalid numeric value 'latest'", false)]
    [InlineData("bad order", "invalid order argument provided: 'up', must be one of: asc, desc", true)]
    public void Says_why_no_tag_is_picked(string why, string expected, bool invalidSpec)
    {
        var (tags, policy, filter) = why switch
        {
            "no tag in range" => (new[] { "1.0.0", "3.0.0" }, SemVer("^2.0"), (ImagePolicyTagFilter?)null),
            "no tag at all" => (new[] { "1.0.0" }, SemVer("*"), new ImagePolicyTagFilter { Pattern = "^v" }),
            "suffixed tags are pre-releases" => (new[] { "1.1.0-alpine" }, SemVer(">=1.0.0"), new ImagePolicyTagFilter { Pattern = "-alpine$" }),
            "bad range" => (new[] { "1.0.0" }, SemVer("not-a-range"), null),
            "bad pattern" => (new[] { "1.0.0" }, SemVer("*"), new ImagePolicyTagFilter { Pattern = "(unclosed" }),
            "not a number" => (new[] { "1", "latest" }, Numerical(null), null),
            _ => (new[] { "1" }, Numerical("up"), null),
        };

        var error = Assert.Throws<TagSelectionException>(() => TagPolicy.Select(tags, policy, filter));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(invalidSpec, error.InvalidSpec);
    }

    private static ImagePolicyChoice SemVer(string range) => new() { SemVer = new ImagePolicySemVer { Range = range } };

    private static ImagePolicyChoice Alphabetical(string? order) => new() { Alphabetical = new ImagePolicyAlphabetical { Order = order } };

    private static ImagePolicyChoice Numerical(string? order) => new() { Numerical = new ImagePolicyNumerical { Order = order } };
}
