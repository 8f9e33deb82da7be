using Fleet.Actors.Sources.Ignore;

namespace Fleet.Tests.Sources;

public sealed class IgnoreMatcherTests
{
    private static bool Ignored(string patterns, string path, bool directory = false) =>
        new IgnoreMatcher().AddText(patterns).IsIgnored(path, directory);

    [Theory]
    [InlineData("*.yaml", "a.yaml", true)]
    [InlineData("*.yaml", "deep/dir/a.yaml", true)]
    [InlineData("*.yaml", "a.yml", false)]
    [InlineData("/root.txt", "root.txt", true)]
    [InlineData("/root.txt", "sub/root.txt", false)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/x/a.md", false)]
    [InlineData("docs/*.md", "other/docs/a.md", false)]
    [InlineData("**/secret.env", "a/b/secret.env", true)]
    [InlineData("**/secret.env", "secret.env", true)]
    [InlineData("a/**/z.txt", "a/z.txt", true)]
    [InlineData("a/**/z.txt", "a/b/c/z.txt", true)]
    [InlineData("build/**", "build/x/y", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("file[0-9].txt", "file5.txt", true)]
    [InlineData("file[!0-9].txt", "file5.txt", false)]
    [InlineData("# comment", "# comment", false)]
    [InlineData("\\#hash", "#hash", true)]
    public void Patterns_follow_gitignore(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Ignored(pattern, path));
    }

    [Fact]
    public void Trailing_slash_matches_directories_only()
    {
        Assert.True(Ignored("tmp/", "tmp", directory: true));
        Assert.True(Ignored("tmp/", "a/tmp", directory: true));
        Assert.False(Ignored("tmp/", "tmp", directory: false));
    }

    [Fact]
    public void The_last_matching_pattern_wins_so_negation_re_includes()
    {
        const string patterns = "*.yaml\n!keep.yaml\n";
        Assert.True(Ignored(patterns, "drop.yaml"));
        Assert.False(Ignored(patterns, "keep.yaml"));
        Assert.True(Ignored(patterns + "keep.yaml\n", "keep.yaml"));
    }

    [Fact]
    public void Patterns_from_a_nested_file_apply_only_below_their_directory()
    {
        var matcher = new IgnoreMatcher().AddText("*.txt\n/top.md", domain: "sub");
        Assert.True(matcher.IsIgnored("sub/a.txt", false));
        Assert.True(matcher.IsIgnored("sub/deep/a.txt", false));
        Assert.True(matcher.IsIgnored("sub/top.md", false));
        Assert.False(matcher.IsIgnored("a.txt", false));
        Assert.False(matcher.IsIgnored("sub/deep/top.md", false));
    }
}
