using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Node.Sandbox.Git;

/// <summary>
/// `git http-backend` (git's own smart-HTTP server, run as CGI) behind a small Kestrel front on 127.0.0.1, serving
/// every repository under <see cref="Root"/>, bare or not; optionally demands basic auth or a bearer token, or speaks
/// HTTPS. The sandbox serves its example repository with it (Flux accepts only http(s) and ssh URLs), and tests
/// serve their fixtures.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GitHttpAuth _auth;

    private string? _baseUrl;

    private GitHttpServer(WebApplication app, string root, GitHttpAuth auth)
    {
        _app = app;
        _auth = auth;
        Root = root;
    }

    /// <summary>Directory whose sub-directories are served as repositories.</summary>
    public string Root { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _baseUrl ?? throw new InvalidOperationException("the server is not started");

    /// <summary>The URL of the repository in the directory <paramref name="name"/> under <see cref="Root"/>.</summary>
    public string UrlOf(string name) => $"{BaseUrl}/{name}";

    /// <summary>Starts on a free loopback port; with <paramref name="certificate"/> it speaks HTTPS only.</summary>
    public static async Task<GitHttpServer> StartAsync(
        string root, GitHttpAuth? auth = null, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        auth ??= GitHttpAuth.None;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new GitHttpServer(app, root, auth);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._baseUrl = $"{(certificate is null ? "http" : "https")}://127.0.0.1:{new Uri(address).Port}";
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!_auth.Allows(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = _auth.Challenge;
            return;
        }
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var request = context.Request;
        start.Environment["GIT_PROJECT_ROOT"] = Root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["REMOTE_USER"] = _auth.User;
        start.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();
        if (request.ContentLength is { } length)
        {
            start.Environment["CONTENT_LENGTH"] = length.ToString(CultureInfo.InvariantCulture);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git http-backend did not start");
        var error = process.StandardError.ReadToEndAsync();
        await request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted);
        process.StandardInput.Close();
        await WriteCgiResponseAsync(process.StandardOutput.BaseStream, context.Response, context.RequestAborted);
        await process.WaitForExitAsync(context.RequestAborted);
        await error;
    }

    private static async Task WriteCgiResponseAsync(Stream cgi, HttpResponse response, CancellationToken cancellation)
    {
        // CGI output: header lines, a blank line, then the body.
        var header = new List<byte>();
        var one = new byte[1];
        while (await cgi.ReadAsync(one, cancellation) == 1)
        {
            header.Add(one[0]);
            var count = header.Count;
            if (count >= 2 && header[count - 1] == '\n' && (header[count - 2] == '\n' || (count >= 4 && header[count - 2] == '\r' && header[count - 3] == '\n')))
            {
                break;
            }
        }
        foreach (var line in Encoding.ASCII.GetString(header.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(':');
            if (separator < 0)
            {
                continue;
            }
            var name = line[..separator].Trim();
            var value = line[(separator + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }
        await cgi.CopyToAsync(response.Body, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
