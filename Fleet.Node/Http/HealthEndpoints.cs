using Akka.Actor;
using Akka.Cluster;
using Fleet.Node.Hosting;

namespace Fleet.Node.Http;

/// <summary>
/// Kubernetes probes. <c>/healthz</c> (liveness): the actor system runs; a node that is only joining or leaving is still
/// alive and must not be restarted for it. <c>/readyz</c> (readiness): the node is Up in the cluster and its watches have
/// listed every kind.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", (ActorSystem system) =>
            system.WhenTerminated.IsCompleted ? Results.Text("actor system terminated", statusCode: 503) : Results.Text("ok"));
        app.MapGet("/readyz", (ActorSystem system, WatchSync sync) =>
        {
            var status = Cluster.Get(system).SelfMember.Status;
            if (status != MemberStatus.Up)
            {
                return Results.Text($"cluster member status {status}", statusCode: 503);
            }
            return sync.Synced ? Results.Text("ready") : Results.Text("watches not yet synced", statusCode: 503);
        });
    }
}
