using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Store;

namespace Fleet.Tests.Sandbox;

public class ObjectStoreTests
{
    private static JsonObject Cm(string name, string value) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" }, ["data"] = new JsonObject { ["a"] = value } };

    private static string Rv(JsonObject? obj) => obj!["metadata"]!["resourceVersion"]!.GetValue<string>();

    [Fact]
    public void CreateAssignsIdentityAndAMonotonicResourceVersion()
    {
        var store = new ObjectStore();
        var a = store.Write("/configmaps", "ns", "a", _ => Cm("a", "1")).Object!;
        var b = store.Write("/configmaps", "ns", "b", _ => Cm("b", "1")).Object!;
        Assert.Equal("1", Rv(a));
        Assert.Equal("2", Rv(b));
        Assert.True(Guid.TryParse(a["metadata"]!["uid"]!.GetValue<string>(), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", a["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(2, store.ResourceVersion);
    }

    [Fact]
    public void AnUnchangedWriteKeepsTheResourceVersionAndEmitsNothing()
    {
        var store = new ObjectStore();
        store.Write("/configmaps", "ns", "a", _ => Cm("a", "1"));
        using var watch = store.Watch("/configmaps", null, store.ResourceVersion);
        var result = store.Write("/configmaps", "ns", "a", current => current);
        Assert.Equal(WriteOutcome.Unchanged, result.Outcome);
        Assert.Equal("1", Rv(result.Object));
        Assert.Equal(1, store.ResourceVersion);
        Assert.False(watch.Events.TryRead(out _));
    }

    [Fact]
    public void UpdatesKeepUidAndCreationTimestamp()
    {
        var store = new ObjectStore();
        var created = store.Write("/configmaps", "ns", "a", _ => Cm("a", "1")).Object!;
        var updated = store.Write("/configmaps", "ns", "a", _ =>
        {
            var next = Cm("a", "2");
            next["metadata"]!["uid"] = "forged";
            return next;
        }).Object!;
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), updated["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("2", Rv(updated));
        Assert.Equal("2", updated["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void DryRunCreateHasNoResourceVersionAndStoresNothing()
    {
        var store = new ObjectStore();
        var result = store.Write("/configmaps", "ns", "a", _ => Cm("a", "1"), dryRun: true);
        Assert.Equal(WriteOutcome.Created, result.Outcome);
        Assert.Null(result.Object!["metadata"]!["resourceVersion"]);
        Assert.Null(store.Get("/configmaps", "ns", "a"));
        Assert.Equal(0, store.ResourceVersion);
    }

    [Fact]
    public void AThrowingTransformLeavesTheStoreUntouched()
    {
        var store = new ObjectStore();
        store.Write("/configmaps", "ns", "a", _ => Cm("a", "1"));
        Assert.Throws<ApiException>(() => store.Write("/configmaps", "ns", "a", current =>
        {
            current!["data"]!["a"] = "mutated";
            throw ApiStatus.BadRequest("no");
        }));
        Assert.Equal("1", store.Get("/configmaps", "ns", "a")!["data"]!["a"]!.GetValue<string>());
        Assert.Equal(1, store.ResourceVersion);
    }

    [Fact]
    public void DeleteEmitsTheFinalStateWithANewResourceVersion()
    {
        var store = new ObjectStore();
        store.Write("/configmaps", "ns", "a", _ => Cm("a", "1"));
        using var watch = store.Watch("/configmaps", "ns", 1);
        var result = store.Write("/configmaps", "ns", "a", _ => null);
        Assert.Equal(WriteOutcome.Deleted, result.Outcome);
        Assert.True(watch.Events.TryRead(out var e));
        Assert.Equal(StoreEventType.Deleted, e!.Type);
        Assert.Equal("2", Rv(e.Object));
        Assert.Null(store.Get("/configmaps", "ns", "a"));
    }

    [Fact]
    public void WatchResumesAfterAResourceVersionAndStartsFreshWithSyntheticAdds()
    {
        var store = new ObjectStore();
        store.Write("/configmaps", "ns", "a", _ => Cm("a", "1"));
        store.Write("/configmaps", "ns", "b", _ => Cm("b", "1"));
        store.Write("/secrets", "ns", "s", _ => Cm("s", "1"));
        store.Write("/configmaps", "ns", "a", _ => Cm("a", "2"));

        using var resumed = store.Watch("/configmaps", null, 2);
        Assert.True(resumed.Events.TryRead(out var e));
        Assert.Equal((4L, StoreEventType.Modified), (e!.ResourceVersion, e.Type));
        Assert.False(resumed.Events.TryRead(out _));

        using var fresh = store.Watch("/configmaps", null, null);
        var names = new List<string>();
        while (fresh.Events.TryRead(out var added))
        {
            Assert.Equal(StoreEventType.Added, added.Type);
            names.Add(added.Object["metadata"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public void TheBoundedLogExpiresOldResourceVersions()
    {
        var store = new ObjectStore(logCapacity: 3);
        for (var i = 0; i < 5; i++)
        {
            store.Write("/configmaps", "ns", $"c{i}", _ => Cm($"c{i}", "1"));
        }

        var expired = Assert.Throws<ApiException>(() => store.Watch("/configmaps", null, 1));
        Assert.Equal(410, expired.Code);
        Assert.Equal("Expired", expired.Reason);
        Assert.StartsWith("too old resource version: 1", expired.Message, StringComparison.Ordinal);
        using var ok = store.Watch("/configmaps", null, 2);
        Assert.Equal(3, CountEvents(ok));

        store.Compact();
        Assert.Equal(410, Assert.Throws<ApiException>(() => store.Watch("/configmaps", null, 4)).Code);
    }

    [Fact]
    public void ConcurrentWritersGetDistinctResourceVersions()
    {
        var store = new ObjectStore();
        Parallel.For(0, 200, i => store.Write("/configmaps", "ns", $"c{i}", _ => Cm($"c{i}", "1")));
        var rvs = store.List("/configmaps", "ns").Items.Select(Rv).ToHashSet();
        Assert.Equal(200, rvs.Count);
        Assert.Equal(200, store.ResourceVersion);
    }

    [Fact]
    public void DependentsFollowOwnerReferencesThroughUpdatesAndDeletes()
    {
        var store = new ObjectStore();
        var owner = store.Write("/configmaps", "ns", "owner", _ => Cm("owner", "1")).Object!;
        var uid = owner["metadata"]!["uid"]!.GetValue<string>();
        JsonObject Owned(string name) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = uid }) },
        };
        store.Write("apps/replicasets", "ns", "b", _ => Owned("b"));
        store.Write("/configmaps", "ns", "z", _ => Owned("z"));
        store.Write("apps/replicasets", "ns", "a", _ => Owned("a"));
        store.Write("/configmaps", "ns", "unrelated", _ => Cm("unrelated", "1"));

        // By resource in the order resources were first written, then by name; copies, not the stored objects.
        Assert.Equal(["/configmaps ns/z", "apps/replicasets ns/a", "apps/replicasets ns/b"],
            store.Dependents(uid).Select(d => $"{d.Resource} ns/{d.Object["metadata"]!["name"]}"));
        store.Dependents(uid)[0].Object["metadata"]!.AsObject().Remove("ownerReferences");
        Assert.Equal(3, store.Dependents(uid).Count);

        store.Write("/configmaps", "ns", "z", current =>
        {
            current!["metadata"]!.AsObject().Remove("ownerReferences");
            return current;
        });
        store.Write("apps/replicasets", "ns", "a", _ => null);
        Assert.Equal(["b"], store.Dependents(uid).Select(d => d.Object["metadata"]!["name"]!.GetValue<string>()));

        Assert.Equal(("/configmaps", "owner"), store.FindByUid(uid) is { } found ? (found.Resource, found.Object["metadata"]!["name"]!.GetValue<string>()) : default);
        store.Write("/configmaps", "ns", "owner", _ => null);
        Assert.Null(store.FindByUid(uid));
    }

    private static int CountEvents(WatchSubscription watch)
    {
        var n = 0;
        while (watch.Events.TryRead(out _))
        {
            n++;
        }

        return n;
    }
}
