using System.Text;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>The data of a Receiver's Secret: <c>token</c> for every type, <c>email</c> and <c>audience</c> for gcr.</summary>
public sealed record ReceiverSecret(IReadOnlyDictionary<string, byte[]> Data)
{
    public const string TokenKey = "token";

    public static ReceiverSecret Empty { get; } = new(new Dictionary<string, byte[]>());

    public byte[] TokenBytes => Data.TryGetValue(TokenKey, out var token) ? token : [];

    public string Token => Encoding.UTF8.GetString(TokenBytes);

    public string? Text(string key) => Data.TryGetValue(key, out var value) ? Encoding.UTF8.GetString(value) : null;
}
