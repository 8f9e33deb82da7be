using Fleet.Actors.Sources.Artifacts;

namespace Fleet.Tests.Sources;

public sealed class IncludeCopierTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-include-");

    private (string Included, string Target) Trees()
    {
        var included = Directory.CreateDirectory(Path.Combine(_temp.FullName, "included")).FullName;
        Directory.CreateDirectory(Path.Combine(included, "base"));
        File.WriteAllText(Path.Combine(included, "base", "a.yaml"), "a");
        var target = Directory.CreateDirectory(Path.Combine(_temp.FullName, "target")).FullName;
        Directory.CreateDirectory(Path.Combine(target, "vendor", "old"));
        File.WriteAllText(Path.Combine(target, "vendor", "old", "stale.yaml"), "stale");
        return (included, target);
    }

    [Fact]
    public void The_whole_artifact_is_copied_to_toPath_replacing_what_was_there()
    {
        var (included, target) = Trees();
        IncludeCopier.Copy(included, null, target, "vendor/old");
        Assert.Equal("a", File.ReadAllText(Path.Combine(target, "vendor", "old", "base", "a.yaml")));
        Assert.False(File.Exists(Path.Combine(target, "vendor", "old", "stale.yaml")));
    }

    [Theory]
    [InlineData("../outside", "vendor")]
    [InlineData("base", "../outside")]
    [InlineData("base", "")]
    public void Paths_that_leave_the_artifact_or_replace_its_root_are_refused(string fromPath, string toPath)
    {
        var (included, target) = Trees();
        Assert.Throws<ArgumentException>(() => IncludeCopier.Copy(included, fromPath, target, toPath));
        Assert.False(Directory.Exists(Path.Combine(_temp.FullName, "outside")));
    }

    [Fact]
    public void A_missing_fromPath_is_reported()
    {
        var (included, target) = Trees();
        var error = Assert.Throws<DirectoryNotFoundException>(() => IncludeCopier.Copy(included, "nope", target, "vendor"));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
