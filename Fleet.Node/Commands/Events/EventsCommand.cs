using System.CommandLine;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using Fleet.Node.Commands.Reconcile;
using k8s;
using k8s.Models;

namespace Fleet.Node.Commands.Events;

/// <summary><c>fleet events</c>: the Kubernetes events of Flux objects, with <c>--for Kind/name</c> also those of its source, as flux shows them.</summary>
public static class EventsCommand
{
    public static Command Create()
    {
        var forObject = new Option<string?>("--for") { Description = "Only events of this object (Kind/name) and its source" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Stream the events as they happen" };
        var types = new Option<string[]>("--types") { Description = "Only events of these types (Normal, Warning)", AllowMultipleArgumentsPerToken = true };
        var command = KubeOptions.AddTo(new Command("events", "Display Kubernetes events of Flux objects.\n\nExample:\n  fleet events --for Kustomization/apps\n  fleet events -A --types Warning") { forObject, watch, types });
        CliAction.Set(command, async context =>
        {
            var typeFilter = (context.Get(types) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            foreach (var type in typeFilter.Where(t => !string.Equals(t, "Normal", StringComparison.OrdinalIgnoreCase) && !string.Equals(t, "Warning", StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliException($"type '{type}' not supported. Supported types are Normal, Warning");
            }
            var ns = KubeOptions.NamespaceFor(context.Parse);
            var involved = context.Get(forObject) is { Length: > 0 } reference ? await InvolvedAsync(context, reference, ns ?? context.Namespace) : null;
            bool Wanted(Corev1Event e) =>
                EventRows.IsFlux(e)
                && (typeFilter.Count == 0 || typeFilter.Any(t => string.Equals(t, e.Type, StringComparison.OrdinalIgnoreCase)))
                && (involved is null || involved.Contains((e.InvolvedObject?.Kind ?? "", e.Metadata?.NamespaceProperty ?? "", e.InvolvedObject?.Name ?? "")));
            var showNamespace = ns is null || involved?.Any(i => i.Namespace != ns) == true;
            return context.Get(watch) ? await WatchAsync(context, ns, Wanted, showNamespace) : await ListAsync(context, ns, Wanted, showNamespace);
        });
        return command;
    }

    private static async Task<int> ListAsync(CliContext context, string? ns, Func<Corev1Event, bool> wanted, bool showNamespace)
    {
        var list = ns is null
            ? await context.Client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: context.Deadline)
            : await context.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: context.Deadline);
        var now = DateTimeOffset.UtcNow;
        var rows = list.Items.Where(wanted).OrderBy(EventRows.TimeOf).Select(e => EventRows.Cells(e, showNamespace, now)).ToList();
        if (rows.Count == 0)
        {
            context.Log.Failure(ns is null ? "No events found." : $"No events found in {ns} namespace.");
            return 0;
        }
        await context.Output.WriteAsync(TextTable.Render(EventRows.Headers(showNamespace), rows, TextTable.TerminalWidth(context.Output)));
        return 0;
    }

    private static async Task<int> WatchAsync(CliContext context, string? ns, Func<Corev1Event, bool> wanted, bool showNamespace)
    {
        var first = true;
        var events = ns is null
            ? context.Client.CoreV1.WatchListEventForAllNamespacesAsync(cancellationToken: context.Deadline)
            : context.Client.CoreV1.WatchListNamespacedEventAsync(ns, cancellationToken: context.Deadline);
        try
        {
            await foreach (var (type, e) in events.WithCancellation(context.Deadline))
            {
                if (type is WatchEventType.Deleted or WatchEventType.Bookmark or WatchEventType.Error || !wanted(e))
                {
                    continue;
                }
                var table = TextTable.Render(EventRows.Headers(showNamespace), [EventRows.Cells(e, showNamespace, DateTimeOffset.UtcNow)]);
                await context.Output.WriteAsync(first ? table : table[(table.IndexOf('\n') + 1)..]);
                await context.Output.FlushAsync(context.Deadline);
                first = false;
            }
        }
        catch (OperationCanceledException) when (context.Deadline.IsCancellationRequested)
        {
            // A watch ends at --timeout or Ctrl-C, as flux's does.
        }
        return 0;
    }

    /// <summary>The object of <c>--for</c> and the objects it refers to (a Kustomization's source, a HelmRelease's chart), as flux adds them.</summary>
    private static async Task<HashSet<(string Kind, string Namespace, string Name)>> InvolvedAsync(CliContext context, string reference, string ns)
    {
        var (kind, name) = VerbKind.ParseReference(reference);
        var involved = new HashSet<(string, string, string)> { (kind.Kind, ns, name) };
        if (kind == FluxKinds.Kustomization || kind == FluxKinds.HelmRelease)
        {
            var obj = await new FluxObjects(context.Client).RequireAsync(kind, ns, name, context.Deadline);
            var (sourceKind, sourceNamespace, sourceName) = ObjectReconcile.SourceOf(kind, obj, ns);
            involved.Add((sourceKind.Kind, sourceNamespace, sourceName));
        }
        return involved;
    }
}
