namespace Fleet.Actors.Sources.Ignore;

/// <summary>
/// Flux's exclusion rules for a source tree: the VCS patterns always, then Flux's default exclusions
/// (images, archives, CI and tool configs) unless `spec.ignore` is set (it overrides them), then every
/// `.sourceignore` file bound to its directory, then `spec.ignore`.
/// </summary>
public static class SourceIgnore
{
    public const string FileName = ".sourceignore";

    public static readonly IReadOnlyList<string> VcsPatterns = [".git/", ".gitignore", ".gitmodules", ".gitattributes"];

    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
        ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
        "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml",
        "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml",
    ];

    /// <summary>The matcher for the tree at <paramref name="root"/>, reading its .sourceignore files.</summary>
    public static IgnoreMatcher For(string root, string? specIgnore)
    {
        var matcher = new IgnoreMatcher().AddText(string.Join('\n', VcsPatterns));
        if (specIgnore is null)
        {
            matcher.AddText(string.Join('\n', DefaultPatterns));
        }
        AddSourceIgnoreFiles(matcher, root, "");
        if (specIgnore is not null)
        {
            matcher.AddText(specIgnore);
        }
        return matcher;
    }

    private static void AddSourceIgnoreFiles(IgnoreMatcher matcher, string directory, string domain)
    {
        var file = Path.Combine(directory, FileName);
        if (File.Exists(file))
        {
            matcher.AddText(File.ReadAllText(file), domain);
        }
        foreach (var child in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            var path = domain.Length == 0 ? name : $"{domain}/{name}";
            if (name != ".git" && !new FileInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint) && !matcher.IsIgnored(path, isDirectory: true))
            {
                AddSourceIgnoreFiles(matcher, child, path);
            }
        }
    }
}
