using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;

namespace Fleet.Actors.Persistence;

public static class PersistenceHostingExtensions
{
    private const string JournalClass = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql";
    private const string SnapshotClass = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql";

    /// <summary>
    /// Akka.Persistence.Sql journal and snapshot store for entities, and a second pair with their own tables
    /// for cluster sharding's remembered entities, so sharding state never mixes with object history.
    /// </summary>
    public static AkkaConfigurationBuilder AddFleetPersistence(this AkkaConfigurationBuilder builder, PersistenceSettings settings) =>
        builder
            .AddHocon(PersistenceConfig(settings), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);

    public static Config PersistenceConfig(PersistenceSettings settings)
    {
        var connection = Quote(settings.ConnectionString);
        var provider = Quote(settings.ProviderName);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              # A thousand new objects start a thousand entities at once; at Akka's default of 50 recoveries at a
              # time their first reconciles queued behind journal reads (1,000 Kustomizations: 10-11 s to Ready, 7.5 s now).
              max-concurrent-recoveries = 256
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "{{JournalClass}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                }
                sharding {
                  class = "{{JournalClass}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  default.journal.table-name = sharding_journal
                  default.tag.table-name = sharding_tags
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "{{SnapshotClass}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                }
                sharding {
                  class = "{{SnapshotClass}}"
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  default.snapshot.table-name = sharding_snapshot
                }
              }
            }
            """);
    }

    /// <summary>HOCON string literal: connection strings carry ';' and '=' and paths may carry backslashes.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
