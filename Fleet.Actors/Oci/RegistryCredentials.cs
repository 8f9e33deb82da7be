namespace Fleet.Actors.Oci;

/// <summary>A registry login; <see cref="ToString"/> never shows the password.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"RegistryCredentials {{ Username = {Username} }}";

    /// <summary>The text with the password (and its basic-auth encoding) replaced, for error messages that quote a server.</summary>
    public string Redact(string text)
    {
        if (Password.Length == 0)
        {
            return text;
        }
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        return text.Replace(basic, "***", StringComparison.Ordinal).Replace(Password, "***", StringComparison.Ordinal);
    }
}
