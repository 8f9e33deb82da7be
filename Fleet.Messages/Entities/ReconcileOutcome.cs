namespace Fleet.Messages.Entities;

/// <summary>How a reconcile ended, in Flux's terms.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReconcileOutcome>))]
public enum ReconcileOutcome
{
    /// <summary>Ready=True.</summary>
    Succeeded,

    /// <summary>Ready=False, retried after <c>retryInterval</c> with backoff.</summary>
    Failed,

    /// <summary>Ready=False and Stalled=True: needs a person; not retried until the object changes.</summary>
    Stalled,
}
