using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>
/// go-github's ValidatePayload, as Flux calls it for github and bitbucket Receivers: the body is JSON or a form whose
/// <c>payload</c> field is, and is signed in <c>X-Hub-Signature-256</c> (else <c>X-Hub-Signature</c>) whenever a token is set
/// or a signature is sent.
/// </summary>
public static partial class GitHubPayload
{
    public const string Sha256Header = "X-Hub-Signature-256";
    public const string Sha1Header = "X-Hub-Signature";

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>Null when the call is a payload signed with <paramref name="token"/>, else why not.</summary>
    public static string? Check(WebhookCall call, byte[] token)
    {
        var signature = call.Header(Sha256Header) is { Length: > 0 } sha256 ? sha256 : call.Header(Sha1Header);
        if (!MediaTypeHeaderValue.TryParse(call.Header("Content-Type"), out var contentType) || contentType.MediaType is null)
        {
            return "the Content-Type header is missing or malformed";
        }
        switch (contentType.MediaType.ToLowerInvariant())
        {
            case Json:
                break;
            case Form when !IsForm(call.Body):
                return "the form body is malformed";
            case Form:
                break;
            default:
                return $"webhook request has unsupported Content-Type \"{contentType.MediaType}\"";
        }
        return token.Length > 0 || !string.IsNullOrEmpty(signature) ? HmacSignature.Check(signature, call.Body, token) : null;
    }

    /// <summary>Whether the body parses as a URL-encoded form, as Go's url.ParseQuery requires (valid escapes, no ';').</summary>
    private static bool IsForm(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return !text.Contains(';', StringComparison.Ordinal) && !BadEscape().IsMatch(text);
    }

    [GeneratedRegex("%(?![0-9A-Fa-f]{2})")]
    private static partial Regex BadEscape();
}
