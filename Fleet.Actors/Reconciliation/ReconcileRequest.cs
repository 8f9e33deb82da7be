using System.Text.Json.Nodes;
using Fleet.Messages;
using Fleet.Messages.Entities;

namespace Fleet.Actors.Reconciliation;

/// <summary>What a reconciler is asked to converge: the object as last observed and what the entity remembers.</summary>
public sealed record ReconcileRequest(ObjectKey Key, JsonObject Object, long Generation, string? RequestedAt, EntityState Previous);
