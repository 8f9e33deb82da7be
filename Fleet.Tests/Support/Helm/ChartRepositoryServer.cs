using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Tests.Support.Helm;

/// <summary>
/// A static Helm chart repository on 127.0.0.1: the files of <see cref="Root"/> (an `index.yaml` made by `helm repo index`
/// and chart packages made by `helm package`), optionally behind basic auth, over HTTPS, or demanding a client certificate
/// signed by a given CA. It counts the requests for each path, so tests can see what was downloaded how often.
/// </summary>
public sealed class ChartRepositoryServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _authorization;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private string? _baseUrl;

    private ChartRepositoryServer(WebApplication app, string root, string? authorization)
    {
        _app = app;
        Root = root;
        _authorization = authorization;
    }

    public string Root { get; }

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>; the repository URL a HelmRepository names.</summary>
    public string Url => _baseUrl ?? throw new InvalidOperationException("the server is not started");

    /// <summary>How many requests reached <paramref name="path"/> (`/index.yaml`, `/demo-1.0.0.tgz`), answered or refused.</summary>
    public int RequestsFor(string path) => _requests.GetValueOrDefault(path);

    /// <param name="basicAuth">Username and password every request must carry.</param>
    /// <param name="certificate">Serve HTTPS with this certificate.</param>
    /// <param name="clientCa">With HTTPS, demand a client certificate this CA signed.</param>
    public static async Task<ChartRepositoryServer> StartAsync(
        string root, (string Username, string Password)? basicAuth = null, X509Certificate2? certificate = null, X509Certificate2? clientCa = null)
    {
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = clientCa is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (client, _, _) => clientCa is null || SignedBy(client, clientCa),
                });
            }
        }));
        var app = builder.Build();
        var authorization = basicAuth is { } auth ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Password}")) : null;
        var server = new ChartRepositoryServer(app, root, authorization);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._baseUrl = $"{(certificate is null ? "http" : "https")}://127.0.0.1:{new Uri(address).Port}";
        return server;
    }

    /// <summary>Packages <paramref name="charts"/> into the repository and indexes it with `helm repo index`.</summary>
    public async Task PublishAsync(HelmCli helm, params TestChart[] charts)
    {
        foreach (var chart in charts)
        {
            await chart.PackageAsync(helm, Root);
        }
        await helm.RunAsync(["repo", "index", Root, "--url", Url]);
    }

    /// <summary>Writes <paramref name="content"/> as the repository's index, as a broken repository would serve it.</summary>
    public void WriteIndex(string content) => File.WriteAllText(Path.Combine(Root, "index.yaml"), content);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (_authorization is not null && context.Request.Headers.Authorization.ToString() != _authorization)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"charts\"";
            return;
        }
        var file = Path.GetFullPath(Path.Combine(Root, path.TrimStart('/')));
        if (!file.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = file.EndsWith(".yaml", StringComparison.Ordinal) ? "application/x-yaml" : "application/gzip";
        await context.Response.SendFileAsync(file);
    }

    private static bool SignedBy(X509Certificate2 client, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(client);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
