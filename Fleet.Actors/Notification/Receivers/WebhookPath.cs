using System.Security.Cryptography;
using System.Text;

namespace Fleet.Actors.Notification.Receivers;

/// <summary>A Receiver's webhook path as Flux computes it: <c>/hook/</c> and the hex SHA-256 of token, name and namespace.</summary>
public static class WebhookPath
{
    public const string Prefix = "/hook/";

    public static string Of(string token, string name, string ns) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token + name + ns)));
}
