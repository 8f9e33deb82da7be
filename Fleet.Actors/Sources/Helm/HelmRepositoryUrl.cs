using Fleet.Messages.Api.Source;

namespace Fleet.Actors.Sources.Helm;

/// <summary>A HelmRepository's URL as source-controller checks it: http or https for the default type, oci for the OCI type.</summary>
public static class HelmRepositoryUrl
{
    /// <summary>The repository's base address; a URL that cannot be used stalls with URLInvalid.</summary>
    public static Uri ParseHttp(string url)
    {
        if (url.StartsWith("oci://", StringComparison.Ordinal))
        {
            throw Invalid("'oci' URL scheme cannot be used with 'default' HelmRepository type");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
        {
            throw Invalid($"parse \"{url}\": expected an http or https URL with a host");
        }
        return parsed;
    }

    /// <summary>An OCI repository's registry address (`oci://host[:port]/path`).</summary>
    public static Uri ParseOci(string url)
    {
        if (!url.StartsWith("oci://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            throw new HelmFetchException(SourceConditions.URLInvalidReason, $"invalid Helm repository URL: invalid OCI registry URL: {url}") { Stalling = true };
        }
        return parsed;
    }

    /// <summary>Where the repository's index is.</summary>
    public static Uri IndexOf(Uri repository) => new(repository.ToString().TrimEnd('/') + "/index.yaml");

    /// <summary>A chart's download address, absolute or relative to the repository, as Helm resolves it.</summary>
    public static Uri Resolve(Uri repository, string reference) =>
        Uri.TryCreate(reference, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(new Uri(repository.ToString().TrimEnd('/') + "/"), reference);

    private static HelmFetchException Invalid(string detail) =>
        new(SourceConditions.URLInvalidReason, $"invalid Helm repository URL: {detail}") { Stalling = true };
}
