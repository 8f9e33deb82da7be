using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using Fleet.Messages.Api;

namespace Fleet.Actors.Serialization;

/// <summary>Serializes Fleet's messages, events and snapshots as JSON under their stable manifests.</summary>
public sealed class FleetSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Fleet's serializer id; 0–100 are Akka's own.</summary>
    public const int Id = 611;

    public override int Identifier => Id;

    public override string Manifest(object o) => FleetManifests.ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), FleetJson.Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, FleetManifests.TypeOf(manifest), FleetJson.Options)
        ?? throw new System.Runtime.Serialization.SerializationException($"{manifest}: empty payload");
}
