namespace Fleet.Actors.Sources.Helm;

/// <summary>How to reach one HelmRepository: its address, credentials, TLS material, whether credentials go to other hosts, and the time limit.</summary>
public sealed record HelmRepositoryAccess(Uri Url, HelmCredentials? Credentials, HelmTls Tls, bool PassCredentials, TimeSpan Timeout, bool Insecure = false)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Takes any password out of <paramref name="text"/>.</summary>
    public string Redact(string text) => Credentials?.Redact(text) ?? text;

    /// <summary>What a cached download depends on besides its address: who fetched it.</summary>
    public string CacheIdentity => Credentials?.Fingerprint ?? "anonymous";
}
