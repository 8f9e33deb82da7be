using System.CommandLine;
using System.Text.Json.Nodes;
using Fleet.Node.Commands.Cli;
using Fleet.Node.Commands.Reconcile;

namespace Fleet.Node.Commands.Suspend;

/// <summary><c>fleet suspend</c> and <c>fleet resume</c>: set or clear <c>spec.suspend</c>, as flux does; resume waits for one object to reconcile.</summary>
public static class SuspendCommands
{
    private static readonly Option<bool> All = new("--all") { Description = "Act on every object of the kind in the namespace", Recursive = true };

    private static readonly Option<bool> Wait = new("--wait") { Description = "Wait for each resumed object to reconcile (the default for one object)", Recursive = true };

    public static Command CreateSuspend()
    {
        var verb = KubeOptions.AddTo(new Command("suspend", "Suspend the reconciliation of resources"), allNamespaces: false);
        verb.Options.Add(All);
        KindTree.AddTo(verb, kind => Leaf(kind, suspend: true));
        return verb;
    }

    public static Command CreateResume()
    {
        var verb = KubeOptions.AddTo(new Command("resume", "Resume suspended resources and wait for them to reconcile"), allNamespaces: false);
        verb.Options.Add(All);
        verb.Options.Add(Wait);
        KindTree.AddTo(verb, kind => Leaf(kind, suspend: false));
        return verb;
    }

    private static Command Leaf(VerbKind kind, bool suspend)
    {
        var verb = suspend ? "suspend" : "resume";
        var names = new Argument<string[]>("name") { Description = $"The {kind.Kind}s' names", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(kind.Word, $"{(suspend ? "Suspend" : "Resume")} the reconciliation of {kind.Kind}s.\n\nExample:\n  fleet {verb} {kind.HumanKind} podinfo\n  fleet {verb} {kind.HumanKind} --all") { names };
        CliAction.Set(command, async context =>
        {
            var given = (context.Get(names) ?? []).Distinct(StringComparer.Ordinal).ToList();
            var all = context.Get(All);
            if (given.Count == 0 && !all)
            {
                throw new CliException($"{kind.HumanKind} name is required");
            }
            var objects = new FluxObjects(context.Client);
            var ns = context.Namespace;
            var targets = await TargetsAsync(context, objects, kind, ns, given, suspend);
            if (targets is null)
            {
                return 1;
            }
            var patched = new List<string>();
            foreach (var name in targets)
            {
                context.Log.Action($"{(suspend ? "suspending" : "resuming")} {kind.HumanKind} {name} in {ns} namespace");
                await objects.MergePatchAsync(kind.Kind, ns, name, new JsonObject { ["spec"] = new JsonObject { ["suspend"] = suspend ? true : null } }, context.Deadline);
                context.Log.Success($"{kind.HumanKind} {(suspend ? "suspended" : "resumed")}");
                patched.Add(name);
            }
            var shouldWait = !suspend && (context.Parse.GetResult(Wait) is { Implicit: false } ? context.Get(Wait) : given.Count == 1);
            return shouldWait ? await WaitAllAsync(context, objects, kind, ns, patched) : 0;
        });
        return command;
    }

    /// <summary>The names to patch, or null after printing flux's not-found lines.</summary>
    private static async Task<IReadOnlyList<string>?> TargetsAsync(CliContext context, FluxObjects objects, VerbKind kind, string ns, List<string> given, bool suspend)
    {
        if (given.Count == 0)
        {
            var listed = (await objects.ListAsync(kind.Kind, ns, context.Deadline)).Select(FluxObjects.NameOf).ToList();
            if (listed.Count == 0)
            {
                context.Log.Failure(suspend ? "no objects found" : $"no {kind.Kind.Kind} objects found in {ns} namespace");
                return null;
            }
            return listed;
        }
        var found = new List<string>();
        foreach (var name in given)
        {
            if (await objects.GetAsync(kind.Kind, ns, name, context.Deadline) is null)
            {
                context.Log.Failure(suspend ? $"{kind.Kind.Kind} {name} not found in {ns} namespace" : $"{kind.Kind.Kind} object '{name}' not found in {ns} namespace");
                return null;
            }
            found.Add(name);
        }
        return found;
    }

    private static async Task<int> WaitAllAsync(CliContext context, FluxObjects objects, VerbKind kind, string ns, IReadOnlyList<string> names)
    {
        var waiter = new ObjectWaiter(objects, TimeProvider.System);
        var results = await context.Log.WaitAsync($"waiting for {kind.Kind.Kind} reconciliation", () => Task.WhenAll(names.Select(async name =>
        {
            try
            {
                var (state, obj) = await waiter.UntilSettledAsync(kind.Kind, ns, name, o => ReconcileProgress.Ready(o, !kind.Kind.Reconciled), context.Deadline);
                return (Name: name, Error: state == ReconcileState.Stalled ? ReconcileProgress.MessageOf(obj, Messages.Api.Meta.ConditionTypes.Stalled) : null, Object: (JsonObject?)obj);
            }
            catch (OperationCanceledException) when (context.Deadline.IsCancellationRequested)
            {
                return (Name: name, Error: (string?)"context deadline exceeded", Object: (JsonObject?)null);
            }
        })));
        foreach (var (name, error, obj) in results.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (error is not null || obj is null)
            {
                context.Log.Failure($"{kind.Kind.Kind} {name} reconciliation failed: {error}");
                continue;
            }
            context.Log.Success($"{kind.Kind.Kind} {name} reconciliation completed");
            context.Log.Success(SuccessMessages.Of(kind.Kind, obj));
        }
        var failed = results.Count(r => r.Error is not null);
        if (failed > 0)
        {
            throw new CliException($"reconciliation failed for {failed} {kind.Kind.Kind}(s)");
        }
        return 0;
    }
}
