namespace Fleet.Tests.Reconciliation;

/// <summary>An entity under test: virtual time, an in-memory journal, and every message serialized as it would cross nodes.</summary>
public static class EntityTestConfig
{
    public const string Hocon = """
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serialize-messages = on
        akka.actor.serializers.fleet = "Fleet.Actors.Serialization.FleetSerializer, Fleet.Actors"
        akka.actor.serialization-bindings { "Fleet.Messages.IFleetMessage, Fleet.Messages" = fleet }
        """;
}
