namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The build metadata the `Revision` strategy appends to a chart's version, as Flux derives it: the first 12 hex characters
/// of the source's commit (GitRepository) or digest (Bucket), short enough for label values.
/// </summary>
public static class RevisionMetadata
{
    public static string Of(string sourceKind, string revision)
    {
        // RFC-0005 revisions: `main@sha1:<hex>`, `sha1:<hex>`, `sha256:<hex>`; the checksum follows the last '@' and ':'.
        var digest = revision[(revision.LastIndexOf('@') + 1)..];
        var hex = digest[(digest.IndexOf(':') + 1)..];
        return sourceKind is "GitRepository" or "Bucket" && hex.Length > 12 ? hex[..12] : hex;
    }
}
