using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fleet.Tests.Support;

namespace Fleet.Tests.Oci;

/// <summary>
/// A Docker token service on loopback for docker-registry's `auth.token`: checks a basic login and answers with an ES256 JWT
/// (signing certificate in `x5c`) granting the scope asked for. <see cref="Requests"/> counts the tokens handed out.
/// </summary>
public sealed class TokenServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly (string User, string Password) _login;
    private int _requests;

    public TokenServer((string User, string Password) login)
    {
        _login = login;
        var now = DateTimeOffset.UtcNow;
        _certificate = new CertificateRequest("CN=fleet-test-issuer", _key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var port = FreePort.Next();
        Realm = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Realm { get; }

    public string CertificatePem => _certificate.ExportCertificatePem() + "\n";

    public int Requests => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            var response = context.Response;
            if (!Authorized(context.Request.Headers["Authorization"]))
            {
                response.StatusCode = 401;
                response.Close();
                continue;
            }
            var body = JsonSerializer.SerializeToUtf8Bytes(new { token = Token(context.Request.QueryString["scope"] ?? "") });
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
    }

    private bool Authorized(string? header) =>
        header is not null && header.StartsWith("Basic ", StringComparison.Ordinal) &&
        Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) == $"{_login.User}:{_login.Password}";

    private string Token(string scope)
    {
        var parts = scope.Split(':');
        var access = parts.Length == 3 ? new[] { new { type = parts[0], name = parts[1], actions = parts[2].Split(',') } } : [];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new { alg = "ES256", typ = "JWT", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new { iss = "fleet-test-issuer", sub = _login.User, aud = "fleet-test-registry", exp = now + 300, nbf = now - 10, iat = now, jti = Guid.NewGuid().ToString("N"), access };
        var signed = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return $"{signed}.{Base64Url(_key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }
}
