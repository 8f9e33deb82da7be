namespace Fleet.Actors.Sources.Git;

/// <summary>Flux's revision format (RFC-0005): `main@sha1:&lt;hex&gt;`, `v1.2.0@sha1:&lt;hex&gt;`, `refs/pull/1/head@sha1:&lt;hex&gt;`, `sha1:&lt;hex&gt;`.</summary>
public static class GitRevision
{
    public static string Format(string? reference, string commit)
    {
        var digest = $"sha1:{commit}";
        return reference is null ? digest : $"{ShortName(reference)}@{digest}";
    }

    /// <summary>Branches and tags by their short name; any other ref keeps its full name.</summary>
    public static string ShortName(string reference)
    {
        foreach (var prefix in new[] { "refs/heads/", "refs/tags/" })
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reference[prefix.Length..];
            }
        }
        return reference;
    }
}
