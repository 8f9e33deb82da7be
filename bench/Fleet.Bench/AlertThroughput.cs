using System.Diagnostics;
using System.Net;
using Fleet.Actors.Notification;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Notification;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Bench;

/// <summary>
/// Events per second one node's dispatcher delivers to a generic-hmac sink on loopback: distinct Kustomization failures
/// (so none is a duplicate) go through matching, metadata, signing and HTTP; the sink counts what it received, so a lost one shows.
/// </summary>
public static class AlertThroughput
{
    public static async Task RunAsync(int events)
    {
        var received = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var sink = builder.Build();
        sink.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            Interlocked.Increment(ref received);
        });
        await sink.StartAsync();

        var objects = new NotificationObjects();
        objects.Put(new Provider
        {
            Metadata = new V1ObjectMeta { Name = "sink", NamespaceProperty = "flux-system", Uid = "u" },
            Spec = new ProviderSpec { Type = ProviderTypes.GenericHmac, Address = sink.Urls.First() + "/hook", SecretRef = new LocalObjectReference { Name = "hmac" } },
        });
        objects.Put(new Alert
        {
            Metadata = new V1ObjectMeta { Name = "all", NamespaceProperty = "flux-system" },
            Spec = new AlertSpec { ProviderRef = new LocalObjectReference { Name = "sink" }, EventSources = [new NotificationObjectReference { Kind = "Kustomization", Name = "*" }] },
        });
        using var sender = new ProviderSender();
        IReadOnlyDictionary<string, string> secret = new Dictionary<string, string> { ["token"] = "bench-token" };
        var dispatcher = new AlertDispatcher(objects, new AlertDispatchSettings { PerProviderConcurrency = 32 }, (_, _, _) => Task.FromResult<IReadOnlyDictionary<string, string>?>(secret), sender, NullLogger.Instance);

        var clock = Stopwatch.StartNew();
        var deliveries = new List<Task>(events);
        for (var i = 0; i < events; i++)
        {
            var @event = new FluxEvent
            {
                InvolvedObject = new FluxEventObject { Kind = "Kustomization", Namespace = "flux-system", Name = $"app-{i % 1000}", ApiVersion = "kustomize.toolkit.fluxcd.io/v1" },
                Severity = EventSeverities.Error,
                Timestamp = DateTimeOffset.UtcNow,
                Message = $"health check failed after 30s, run {i}",
                Reason = ConditionReasons.HealthCheckFailed,
                Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:0123456789abcdef0123456789abcdef01234567" },
                ReportingController = "kustomize-controller",
            };
            deliveries.AddRange(dispatcher.Accept(@event, null).Select(p => dispatcher.DeliverAsync(p, CancellationToken.None)));
        }
        await Task.WhenAll(deliveries);
        clock.Stop();
        Console.WriteLine($"alerts: {events} events, {received} received, {dispatcher.Counters.Count(NotificationCounters.FailedAttempts, "flux-system/sink")} failed attempts, " +
            $"{clock.Elapsed.TotalSeconds:F2} s, {events / clock.Elapsed.TotalSeconds:F0} events/s; load average {MachineLoad.Average()}");
        await sink.StopAsync();
    }
}
