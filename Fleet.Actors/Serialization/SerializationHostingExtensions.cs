using Akka.Hosting;
using Fleet.Messages;

namespace Fleet.Actors.Serialization;

public static class SerializationHostingExtensions
{
    /// <summary>Binds every <see cref="IFleetMessage"/> to <see cref="FleetSerializer"/>, for remoting and the journal alike.</summary>
    public static AkkaConfigurationBuilder AddFleetSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer("fleet", [typeof(IFleetMessage)], system => new FleetSerializer(system));
}
