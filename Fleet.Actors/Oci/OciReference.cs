using System.Text.RegularExpressions;

namespace Fleet.Actors.Oci;

/// <summary>
/// An image or artifact name as registries and Flux read it: `[host[:port]/]path[:tag][@digest]`, with Docker Hub's
/// defaults (no host means `index.docker.io`, a one-part path is under `library/`).
/// </summary>
public sealed partial record OciReference(string Registry, string Repository, string? Tag = null, string? Digest = null)
{
    public const string DockerHub = "index.docker.io";

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryShape();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagShape();

    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")]
    private static partial Regex DigestShape();

    /// <summary>`registry/repository`, the name Flux shows as an ImageRepository's canonicalImageName.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The tag or digest to ask a registry for: the digest when there is one.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    /// <summary>Parses a name; throws <see cref="OciException"/> of kind <see cref="OciErrorKind.BadInput"/> saying what is wrong.</summary>
    public static OciReference Parse(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw new OciException(OciErrorKind.BadInput, $"'{text}' must not start with a URL scheme");
        }
        string? digest = null;
        var rest = text;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestShape().IsMatch(digest))
            {
                throw new OciException(OciErrorKind.BadInput, $"'{digest}' in '{text}' is not a digest");
            }
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : rest[..slash];
        var hasHost = slash > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var registry = hasHost ? first : DockerHub;
        var path = hasHost ? rest[(slash + 1)..] : rest;
        string? tag = null;
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
            if (!TagShape().IsMatch(tag))
            {
                throw new OciException(OciErrorKind.BadInput, $"'{tag}' in '{text}' is not a valid tag");
            }
        }
        if (registry is DockerHub or "docker.io" && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }
        if (registry == "docker.io")
        {
            registry = DockerHub;
        }
        if (!RepositoryShape().IsMatch(path))
        {
            throw new OciException(OciErrorKind.BadInput, $"'{path}' in '{text}' is not a valid repository name (lower case letters, digits and separators)");
        }
        return new OciReference(registry, path, tag, digest);
    }

    /// <summary>Parses an `oci://` URL as OCIRepository and HelmRepository take it: a repository without tag or digest.</summary>
    public static OciReference ParseUrl(string url)
    {
        const string scheme = "oci://";
        if (!url.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new OciException(OciErrorKind.BadInput, $"URL must be in format 'oci://<domain>/<org>/<repo>'");
        }
        var reference = Parse(url[scheme.Length..]);
        if (reference.Tag is { } tag)
        {
            throw new OciException(OciErrorKind.BadInput, $"URL must not contain a tag; remove ':{tag}'");
        }
        if (reference.Digest is { } digest)
        {
            throw new OciException(OciErrorKind.BadInput, $"URL must not contain a digest; remove '@{digest}'");
        }
        return reference;
    }

    public OciReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    public OciReference WithDigest(string digest) => this with { Digest = digest };

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
