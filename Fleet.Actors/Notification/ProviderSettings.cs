namespace Fleet.Actors.Notification;

/// <summary>
/// A Provider resolved for one delivery: its spec with its secrets read (<c>address</c>, <c>token</c>, <c>username</c>,
/// <c>password</c>, <c>headers</c>), its proxy and TLS material, and the commit status it posts under.
/// </summary>
public sealed record ProviderSettings
{
    public string Type { get; init; } = "";

    public string Name { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string? Uid { get; init; }

    /// <summary>The secret's <c>address</c> when it has one, else <c>spec.address</c>.</summary>
    public string Address { get; init; } = "";

    public string? Token { get; init; }

    /// <summary>The secret's <c>username</c> when it has one, else <c>spec.username</c>.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Channel { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The whole secret, for the keys one provider type reads on its own.</summary>
    public IReadOnlyDictionary<string, string> SecretData { get; init; } = new Dictionary<string, string>();

    public Uri? Proxy { get; init; }

    public string? ProxyUsername { get; init; }

    public string? ProxyPassword { get; init; }

    /// <summary>PEM of the CA to trust (<c>ca.crt</c>), of a client certificate (<c>tls.crt</c>) and its key (<c>tls.key</c>).</summary>
    public string? CaPem { get; init; }

    public string? CertPem { get; init; }

    public string? KeyPem { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The commit status name: <c>kind/name/&lt;first part of the provider's uid&gt;</c> in lower case.</summary>
    public string CommitStatusFor(string kind, string name) =>
        $"{kind}/{name}/{(Uid ?? "").Split('-')[0]}".ToLowerInvariant();

    /// <summary>The values no log line or error may show.</summary>
    public IEnumerable<string> Secrets() =>
        new[] { Token, Password, ProxyPassword, Address }.Concat(Headers.Values).Concat(SecretData.Values).OfType<string>().Where(s => s.Length >= 4);
}
