using System.Net.Http.Headers;

namespace Fleet.Actors.Oci;

/// <summary>
/// A registry's `WWW-Authenticate` answer: `Basic` (send the login) or `Bearer realm=...,service=...,scope=...`
/// (get a token from the realm, with the login when there is one).
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first challenge of a 401 this client can answer, or null.</summary>
    public static AuthChallenge? From(HttpResponseHeaders headers) =>
        headers.WwwAuthenticate.Select(Parse).FirstOrDefault(c => c.IsBearer || c.IsBasic);

    public static AuthChallenge Parse(AuthenticationHeaderValue header) => new(header.Scheme, ParseParameters(header.Parameter ?? ""));

    /// <summary>Reads `key="value",key2="value, with comma"` as RFC 7235 auth-params.</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
            var equals = text.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var key = text[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = i + 1;
                var builder = new System.Text.StringBuilder();
                while (end < text.Length && text[end] != '"')
                {
                    if (text[end] == '\\' && end + 1 < text.Length)
                    {
                        end++;
                    }
                    builder.Append(text[end++]);
                }
                value = builder.ToString();
                i = end + 1;
            }
            else
            {
                var comma = text.IndexOf(',', i);
                value = (comma < 0 ? text[i..] : text[i..comma]).Trim();
                i = comma < 0 ? text.Length : comma;
            }
            parameters[key] = value;
        }
        return parameters;
    }
}
