using System.Net;
using System.Text;
using Fleet.Node.Sandbox.Auth;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Controllers;
using Fleet.Node.Sandbox.Http;
using Fleet.Node.Sandbox.Objects;
using Fleet.Node.Sandbox.Store;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleet.Node.Sandbox;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 that kubectl, helm and KubernetesClient accept. Start one with
/// <see cref="StartAsync"/>, point clients at <see cref="Url"/> (or a kubeconfig from <see cref="WriteKubeconfig"/>),
/// and dispose it to stop.
/// </summary>
public sealed class SandboxApiServer : IAsyncDisposable
{
    private static readonly string[] SeedNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly WebApplication _app;
    private readonly SandboxApiServerOptions _options;
    private readonly SandboxControllers _controllers;

    private SandboxApiServer(WebApplication app, SandboxApiServerOptions options, ObjectStore store, ObjectService objects, SandboxControllers controllers, string url)
    {
        _app = app;
        _controllers = controllers;
        _options = options;
        Store = store;
        Objects = objects;
        Url = url;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>The storage, for tests that need to force a watch expiry (<see cref="ObjectStore.Compact"/>).</summary>
    public ObjectStore Store { get; }

    /// <summary>Direct access to the verbs, bypassing HTTP.</summary>
    public ObjectService Objects { get; }

    public static async Task<SandboxApiServer> StartAsync(SandboxApiServerOptions options, CancellationToken cancellationToken = default)
    {
        var store = new ObjectStore(options.EventLogCapacity);
        var objects = new ObjectService(store, new ResourceCatalog());
        foreach (var ns in SeedNamespaces)
        {
            var type = objects.Catalog.Find("", "v1", "namespaces")!;
            objects.Create(type, null, new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns } }, WriteOptions.Default);
        }

        var controllers = new SandboxControllers(objects, store);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        string? url = null;
        var watches = new WatchStream(store, options.BookmarkInterval);
        var handler = new ApiRequestHandler(objects, new ResourceEndpoint(objects, watches), options, new RbacAuthorizer(store), () => new Uri(url!).Authority);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new SandboxApiServer(app, options, store, objects, controllers, url);
    }

    /// <summary>Writes a kubeconfig whose current context points at this server, with the bearer token. (kubectl and
    /// helm send no credentials to a plain http:// server, so <c>--token</c> only guards against other clients.)</summary>
    public void WriteKubeconfig(string path)
    {
        // KubernetesClient refuses a user without credentials, and a server without --token accepts any token.
        var user = $"\n    token: {(_options.Token is { Length: > 0 } token ? token : "sandbox")}";
        var text = new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\n")
            .Append("clusters:\n- name: sandbox\n  cluster:\n    server: ").Append(Url).Append('\n')
            .Append("contexts:\n- name: sandbox\n  context:\n    cluster: sandbox\n    user: sandbox\n    namespace: default\n")
            .Append("current-context: sandbox\n")
            .Append("users:\n- name: sandbox\n  user:").Append(user).Append('\n')
            .ToString();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text);
    }

    /// <summary>A KubernetesClient for this server. Extra handlers (e.g. impersonation headers) run on every request.</summary>
    public IKubernetes CreateClient(params DelegatingHandler[] handlers) =>
        new Kubernetes(new KubernetesClientConfiguration { Host = Url, AccessToken = _options.Token }, handlers);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _controllers.DisposeAsync();
    }
}
