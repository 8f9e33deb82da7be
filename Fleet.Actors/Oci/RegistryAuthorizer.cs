using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Fleet.Actors.Oci;

/// <summary>
/// Answers a registry's challenges for one client: Basic with the login, or the Bearer token flow (a token from the
/// challenge's realm for the repository scope, fetched with the login when there is one), and remembers the answer per
/// scope so that later requests do not meet the challenge again.
/// </summary>
public sealed class RegistryAuthorizer(HttpClient http, RegistryCredentials? credentials)
{
    private readonly Dictionary<string, AuthenticationHeaderValue> _byScope = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private AuthenticationHeaderValue? _basic;

    /// <summary>What to send with a request for <paramref name="scope"/>, from an earlier challenge; null before one.</summary>
    public AuthenticationHeaderValue? For(string scope)
    {
        lock (_lock)
        {
            return _byScope.TryGetValue(scope, out var header) ? header : _basic;
        }
    }

    /// <summary>
    /// Works out the answer to <paramref name="challenge"/> for requests of <paramref name="scope"/>, asking the token service
    /// for the scope the challenge names when it names one; throws Unauthorized when there is no answer.
    /// </summary>
    public async Task<AuthenticationHeaderValue> AnswerAsync(AuthChallenge challenge, string scope, string what, CancellationToken cancellation)
    {
        if (challenge.IsBasic)
        {
            if (credentials is null)
            {
                throw new OciException(OciErrorKind.Unauthorized, $"{what}: UNAUTHORIZED: authentication required");
            }
            var basic = Basic(credentials);
            lock (_lock)
            {
                _basic = basic;
            }
            return basic;
        }
        var token = new AuthenticationHeaderValue("Bearer", await TokenAsync(challenge, challenge.Parameter("scope") ?? scope, what, cancellation));
        lock (_lock)
        {
            _byScope[scope] = token;
        }
        return token;
    }

    private async Task<string> TokenAsync(AuthChallenge challenge, string scope, string what, CancellationToken cancellation)
    {
        if (challenge.Parameter("realm") is not { Length: > 0 } realm || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new OciException(OciErrorKind.Invalid, $"{what}: the registry asked for a bearer token without a valid realm");
        }
        var query = new StringBuilder();
        if (challenge.Parameter("service") is { } service)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }
        query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(scope));
        var builder = new UriBuilder(realmUri) { Query = (realmUri.Query.TrimStart('?') is { Length: > 0 } existing ? existing + "&" : "") + query };
        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credentials is not null)
        {
            request.Headers.Authorization = Basic(credentials);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellation);
        }
        catch (HttpRequestException error)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{what}: getting a token from {realmUri.GetLeftPart(UriPartial.Path)}: {error.Message}", error);
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new OciException(OciErrorKind.Unauthorized, $"{what}: UNAUTHORIZED: the token service refused the credentials");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new OciException(OciErrorKind.Unreachable, $"{what}: the token service answered {(int)response.StatusCode}");
            }
            return TokenIn(await response.Content.ReadAsByteArrayAsync(cancellation))
                ?? throw new OciException(OciErrorKind.Invalid, $"{what}: the token service answered without a token");
        }
    }

    /// <summary>Docker's `token` or OAuth2's `access_token`; a body that is not JSON has neither.</summary>
    private static string? TokenIn(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return new[] { "token", "access_token" }
                .Select(name => json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null)
                .FirstOrDefault(token => token is { Length: > 0 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AuthenticationHeaderValue Basic(RegistryCredentials login) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.Username}:{login.Password}")));
}
