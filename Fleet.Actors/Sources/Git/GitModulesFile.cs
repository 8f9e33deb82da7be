namespace Fleet.Actors.Sources.Git;

/// <summary>Reads the submodule paths and URLs from a .gitmodules file and resolves relative URLs against the parent's.</summary>
public static class GitModulesFile
{
    /// <summary>Submodule path to URL.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? path = null;
        string? url = null;
        void Flush()
        {
            if (path is not null && url is not null)
            {
                result[path.Trim('/')] = url;
            }
            path = url = null;
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                Flush();
                continue;
            }
            var equals = line.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim().Trim('"');
            if (key == "path")
            {
                path = value;
            }
            else if (key == "url")
            {
                url = value;
            }
        }
        Flush();
        return result;
    }

    /// <summary>`../other` and `./other` are relative to the parent repository's URL, as git resolves them.</summary>
    public static string ResolveUrl(string parentUrl, string url)
    {
        if (!url.StartsWith("./", StringComparison.Ordinal) && !url.StartsWith("../", StringComparison.Ordinal))
        {
            return url;
        }
        return new Uri(new Uri(parentUrl.TrimEnd('/') + "/"), url).ToString();
    }
}
