namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// The username and password of a HelmRepository's `secretRef`, sent as basic auth; <see cref="Redact"/> takes them out of
/// any text that may reach a status, an Event or a log.
/// </summary>
public sealed record HelmCredentials(string Username, string Password)
{
    public static HelmCredentials? None => null;

    /// <summary>A short fingerprint of the credentials, so caches keep what one set of credentials fetched apart from another's.</summary>
    public string Fingerprint =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Username}\n{Password}")))[..16];

    public string Redact(string text) => Password.Length == 0 ? text : text.Replace(Password, "***", StringComparison.Ordinal);

    public override string ToString() => $"HelmCredentials {{ Username = {Username} }}";
}
