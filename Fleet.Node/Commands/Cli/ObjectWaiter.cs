using System.Text.Json.Nodes;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Reconcile;

namespace Fleet.Node.Commands.Cli;

/// <summary>Polls one object until a <see cref="ReconcileState"/> judgement is no longer pending; the context's deadline bounds it.</summary>
public sealed class ObjectWaiter(FluxObjects objects, TimeProvider clock)
{
    /// <summary>Flux polls every 2s; a shorter interval answers a quick reconcile sooner at one cheap GET per tick.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<(ReconcileState State, JsonObject Object)> UntilSettledAsync(
        FluxKind kind, string @namespace, string name, Func<JsonObject, ReconcileState> judge, CancellationToken deadline)
    {
        while (true)
        {
            var obj = await objects.RequireAsync(kind, @namespace, name, deadline);
            var state = judge(obj);
            if (state != ReconcileState.Pending)
            {
                return (state, obj);
            }
            await Task.Delay(PollInterval, clock, deadline);
        }
    }
}
