using System.Globalization;
using System.Text;
using Fleet.Node.Sandbox.Api;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>The opaque <c>continue</c> value of a paged LIST: the list's resourceVersion and the last key returned.</summary>
public sealed record ContinueToken(long ResourceVersion, string AfterKey)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ResourceVersion.ToString(CultureInfo.InvariantCulture)}|{AfterKey}"));

    public static ContinueToken Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return new ContinueToken(long.Parse(text[..bar], CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw ApiStatus.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
