namespace Fleet.Messages.Api.Image;

/// <summary>Formats of the key an ImageUpdateAutomation signs its commits with.</summary>
public static class SigningKeyTypes
{
    /// <summary>An ASCII-armoured OpenPGP key under <c>git.asc</c>, with an optional <c>passphrase</c> (the default).</summary>
    public const string Gpg = "gpg";

    /// <summary>An SSH private key under <c>identity</c>, with an optional <c>password</c>.</summary>
    public const string Ssh = "ssh";
}
