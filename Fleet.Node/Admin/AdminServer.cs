using System.Net;
using Akka.Actor;
using Fleet.Actors.Sharding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Fleet.Node.Admin;

/// <summary>
/// The node's admin API on its own port (loopback unless configured), apart from the artifact and health port so it
/// can be firewalled on its own; every call needs a bearer token. Started after the actor system, stopped before it.
/// </summary>
public sealed class AdminServer(AdminSettings settings, IServiceProvider node) : IHostedService
{
    private readonly TaskCompletionSource<Uri> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    /// <summary>The admin API's base URL once it listens (with the real port when configured as 0).</summary>
    public Task<Uri> Bound => _bound.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tokens = AdminTokens.Load(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.Address), settings.Port ?? 0));
        _app = builder.Build();
        var system = node.GetRequiredService<ActorSystem>();
        AdminEndpoints.Map(_app, tokens, new ClusterAdmin(system), new ShardAdmin(system, node.GetRequiredService<ShardRegions>()));
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the admin API bound no address");
        _bound.TrySetResult(new Uri(address));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
        }
    }
}
