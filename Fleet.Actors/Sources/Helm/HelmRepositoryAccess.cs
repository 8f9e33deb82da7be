namespace Fleet.Actors.Sources.Helm;

/// <summary>How to reach one HelmRepository: its address, credentials, TLS material, whether credentials go to other hosts, and the time limit.</summary>
public sealed record HelmRepositoryAccess(Uri Url, HelmCredentials? Credentials, HelmTls Tls, bool PassCredentials, TimeSpan Timeout, bool Insecure = false)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Takes any password out of <paramref name="text"/>.</summary>
    public string Redact(string text) => Credentials?.Redact(text) ?? text;

    /// <summary>
    /// Whether the credentials go to <paramref name="url"/>: to the repository's own host (and port), as Helm's getter
    /// sends them, and to any host with `passCredentials`.
    /// </summary>
    public bool SendsCredentialsTo(Uri url) =>
        Credentials is not null
        && (PassCredentials || (string.Equals(url.Host, Url.Host, StringComparison.OrdinalIgnoreCase) && url.Port == Url.Port));

    /// <summary>
    /// What a cached download from <paramref name="url"/> depends on besides its address: the credentials sent there and
    /// the client certificate presented, so a chart fetched with them is never handed to a HelmChart without them.
    /// </summary>
    public string CacheIdentityFor(Uri url) =>
        $"{(Credentials is { } credentials && SendsCredentialsTo(url) ? credentials.Fingerprint : "anonymous")}/{Tls.ClientFingerprint}";
}
