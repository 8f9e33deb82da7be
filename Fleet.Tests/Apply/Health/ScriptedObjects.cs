using System.Text.Json.Nodes;
using Fleet.Actors.Apply;

namespace Fleet.Tests.Apply.Health;

/// <summary>
/// An in-memory cluster for health waits: each object's state is a function of how often it has been read
/// (0 for the first read), so a test scripts how it changes between polls. Unscripted objects are not found.
/// </summary>
public sealed class ScriptedObjects
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectRef, Func<int, JsonObject?>> _scripts = [];
    private readonly Dictionary<ObjectRef, int> _reads = [];

    public void Script(ObjectRef reference, Func<int, JsonObject?> state)
    {
        lock (_gate)
        {
            _scripts[reference] = state;
        }
    }

    public int Reads(ObjectRef reference)
    {
        lock (_gate)
        {
            return _reads.GetValueOrDefault(reference);
        }
    }

    public Task<JsonObject?> ReadAsync(ObjectRef reference, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var n = _reads.GetValueOrDefault(reference);
            _reads[reference] = n + 1;
            return Task.FromResult(_scripts.TryGetValue(reference, out var script) ? script(n)?.DeepClone().AsObject() : null);
        }
    }
}
