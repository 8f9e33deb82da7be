using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Api;
using Fleet.Node.Sandbox.Catalog;
using Fleet.Node.Sandbox.Patching;
using Fleet.Node.Sandbox.Semantics;
using Fleet.Node.Sandbox.Store;
using Fleet.Node.Sandbox.Validation;

namespace Fleet.Node.Sandbox.Objects;

/// <summary>
/// The verbs on stored objects with the real server's semantics and errors: creation rules, optimistic concurrency,
/// status and scale subresources, defaulting, generation, finalizers. HTTP handlers only translate to and from it.
/// </summary>
public sealed class ObjectService
{
    private const string NamespacesKey = "/namespaces";
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private int _nextClusterIp;

    public ObjectService(ObjectStore store, ResourceCatalog catalog, TimeProvider? time = null)
    {
        _store = store;
        Catalog = catalog;
        _time = time ?? TimeProvider.System;
    }

    public ResourceCatalog Catalog { get; }

    public JsonObject Get(ResourceType type, string? ns, string name) =>
        WithTypeMeta(type, _store.Get(type.StoreKey, ns ?? "", name) ?? throw ApiStatus.NotFound(type.Group, type.Plural, name));

    public JsonObject? TryGet(ResourceType type, string? ns, string name)
    {
        var found = _store.Get(type.StoreKey, ns ?? "", name);
        return found is null ? null : WithTypeMeta(type, found);
    }

    public JsonObject List(ResourceType type, string? ns, ListOptions options)
    {
        ContinueToken? token = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            token = ContinueToken.Decode(options.Continue);
            if (token.ResourceVersion < _store.CompactedResourceVersion)
            {
                throw ApiStatus.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
        }

        var snapshot = _store.List(type.StoreKey, ns, token?.AfterKey);
        var items = new JsonArray();
        string? next = null;
        var listRv = token?.ResourceVersion ?? snapshot.ResourceVersion;
        foreach (var item in snapshot.Items)
        {
            if (!options.Labels.Matches(item) || !options.Fields.Matches(item))
            {
                continue;
            }

            if (options.Limit is int limit and > 0 && items.Count == limit)
            {
                var last = items[^1]!["metadata"]!;
                next = new ContinueToken(listRv, $"{last["namespace"]?.GetValue<string>() ?? ""}/{last["name"]!.GetValue<string>()}").Encode();
                break;
            }

            items.Add(WithTypeMeta(type, item));
        }

        var metadata = new JsonObject { ["resourceVersion"] = listRv.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            metadata["continue"] = next;
        }

        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.GroupVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        };
    }

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        CheckTypeMeta(type, body);
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        ns = ScopeNamespace(type, ns, metadata);
        var name = metadata["name"]?.GetValue<string>() ?? "";
        if (name.Length == 0)
        {
            var generateName = metadata["generateName"]?.GetValue<string>() ?? "";
            if (generateName.Length == 0)
            {
                throw ApiStatus.Invalid(type.Group, type.Kind, "", [new FieldError("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
            }

            name = generateName + RandomSuffix();
            metadata["name"] = name;
        }

        var nameErrors = NameValidation.Validate(type.Kind, name);
        if (nameErrors.Count > 0)
        {
            throw ApiStatus.Invalid(type.Group, type.Kind, name, nameErrors);
        }

        if (type.Namespaced)
        {
            RequireWritableNamespace(type, ns, name);
        }

        var result = _store.Write(type.StoreKey, ns, name, current =>
        {
            if (current is not null)
            {
                throw ApiStatus.AlreadyExists(type.Group, type.Plural, name);
            }

            var next = body.DeepClone().AsObject();
            var nextMetadata = next["metadata"]!.AsObject();
            foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                nextMetadata.Remove(field);
            }

            nextMetadata["uid"] = Guid.NewGuid().ToString();
            if (type.HasStatus && type.Kind != "Namespace")
            {
                next.Remove("status");
            }

            Prepare(type, null, next, options);
            return Record(type, null, next, null, options);
        }, options.DryRun);
        return Publish(type, result, options.DryRun);
    }

    public WriteResult Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        CheckTypeMeta(type, body);
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        var bodyName = metadata["name"]?.GetValue<string>();
        if (bodyName is not null && bodyName != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        ns = ScopeNamespace(type, ns, metadata);
        var result = _store.Write(type.StoreKey, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiStatus.NotFound(type.Group, type.Plural, name);
            }

            var expected = metadata["resourceVersion"]?.GetValue<string>() ?? "";
            if (expected.Length > 0 && expected != current["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw ApiStatus.Conflict(type.Group, type.Plural, name);
            }

            var next = Merge(type, subresource, current, body);
            Prepare(type, current, next, options);
            return FinalizedAway(next) ? null : Record(type, current, next, subresource, options);
        }, options.DryRun);
        return Publish(type, result, options.DryRun);
    }

    /// <summary>Read-modify-write through <paramref name="mutate"/> (patches and controllers), with the same rules as
    /// an update: subresource confinement, defaulting, generation, finalizer completion.</summary>
    public WriteResult Modify(ResourceType type, string? ns, string name, string? subresource, Func<JsonObject, JsonObject> mutate, WriteOptions options)
    {
        var result = _store.Write(type.StoreKey, ns ?? "", name, current =>
        {
            if (current is null)
            {
                throw ApiStatus.NotFound(type.Group, type.Plural, name);
            }

            var changed = mutate(current.DeepClone().AsObject());
            CheckTypeMeta(type, changed);
            var next = Merge(type, subresource, current, changed);
            Prepare(type, current, next, options);
            return FinalizedAway(next) ? null : Record(type, current, next, subresource, options);
        }, options.DryRun);
        return Publish(type, result, options.DryRun);
    }

    /// <summary>Server-side apply: creates the object when absent (name and namespace from the URL), otherwise merges
    /// the applied configuration with field ownership. An apply that changes nothing leaves the object untouched.</summary>
    public WriteResult Apply(ResourceType type, string? ns, string name, string? subresource, JsonObject applied, bool force, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiStatus.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        if (applied["apiVersion"] is null || applied["kind"] is null)
        {
            throw ApiStatus.BadRequest("invalid object type: apiVersion and kind must be set in an apply patch");
        }

        CheckTypeMeta(type, applied);
        var metadata = applied["metadata"] as JsonObject ?? new JsonObject();
        applied["metadata"] = metadata;
        TypedBody.CheckApplyPatch(type, type.Namespaced ? ns : "", name, applied);
        var bodyName = metadata["name"]?.GetValue<string>();
        if (bodyName is { Length: > 0 } && bodyName != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        metadata["name"] = name;
        ns = ScopeNamespace(type, ns, metadata);
        if (type.Namespaced && _store.Get(type.StoreKey, ns, name) is null)
        {
            RequireWritableNamespace(type, ns, name);
        }

        var applyOptions = new ApplyOptions(options.FieldManager, type.GroupVersion, _time.GetUtcNow())
        {
            Force = force,
            Subresource = subresource,
            HasStatusSubresource = type.HasStatus,
            Lists = type.Schema is not null ? ListSchema.FromOpenApiSchema(type.Schema) : ListSchema.BuiltIn,
        };
        var result = _store.Write(type.StoreKey, ns, name, current =>
        {
            if (current is null)
            {
                if (subresource is not null)
                {
                    throw ApiStatus.NotFound(type.Group, type.Plural, name);
                }

                var nameErrors = NameValidation.Validate(type.Kind, name);
                if (nameErrors.Count > 0)
                {
                    throw ApiStatus.Invalid(type.Group, type.Kind, name, nameErrors);
                }
            }

            var next = ServerSideApply.Apply(current, applied, applyOptions);
            var nextMetadata = Child(next, "metadata");
            nextMetadata["name"] = name;
            if (type.Namespaced)
            {
                nextMetadata["namespace"] = ns;
            }

            if (current is null)
            {
                nextMetadata["uid"] = Guid.NewGuid().ToString();
                nextMetadata.Remove("resourceVersion");
            }

            Prepare(type, current, next, options);
            return FinalizedAway(next) ? null : next;
        }, options.DryRun);
        return Publish(type, result, options.DryRun);
    }

    public WriteResult Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        var result = _store.Write(type.StoreKey, ns ?? "", name, current =>
        {
            if (current is null)
            {
                throw ApiStatus.NotFound(type.Group, type.Plural, name);
            }

            var metadata = current["metadata"]!.AsObject();
            if (options.PreconditionUid is { Length: > 0 } uid && uid != metadata["uid"]?.GetValue<string>())
            {
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {ApiStatus.Qualified(type.Group, type.Plural)} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {metadata["uid"]}", ApiStatus.Details(name, type.Group, type.Plural));
            }

            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != metadata["resourceVersion"]?.GetValue<string>())
            {
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {ApiStatus.Qualified(type.Group, type.Plural)} \"{name}\": Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {metadata["resourceVersion"]}", ApiStatus.Details(name, type.Group, type.Plural));
            }

            var finalizers = metadata["finalizers"] as JsonArray ?? [];
            var policyFinalizer = options.PropagationPolicy switch
            {
                "Foreground" => "foregroundDeletion",
                "Orphan" => "orphan",
                _ => null,
            };
            var keepsNamespaceOpen = type.Kind == "Namespace" && type.Group.Length == 0;
            if (finalizers.Count == 0 && policyFinalizer is null && !keepsNamespaceOpen)
            {
                return null;
            }

            if (metadata["deletionTimestamp"] is not null)
            {
                return current;
            }

            metadata["deletionTimestamp"] = Now();
            metadata["deletionGracePeriodSeconds"] = 0;
            if (policyFinalizer is not null && !finalizers.Any(f => f?.GetValue<string>() == policyFinalizer))
            {
                finalizers.Add(policyFinalizer);
                metadata["finalizers"] = finalizers;
            }

            if (keepsNamespaceOpen)
            {
                current["status"] = new JsonObject { ["phase"] = "Terminating" };
            }

            if (type.TracksGeneration)
            {
                metadata["generation"] = (JsonNumber.AsLong(metadata["generation"]) ?? 0) + 1;
            }

            return current;
        }, options.DryRun);
        return Publish(type, result, options.DryRun);
    }

    /// <summary>Deletes every object of a collection that matches the selectors; returns the list of deleted objects.</summary>
    public JsonObject DeleteCollection(ResourceType type, string? ns, ListOptions selection, DeleteOptions options)
    {
        var list = List(type, ns, selection with { Limit = null, Continue = null });
        var deleted = new JsonArray();
        foreach (var item in list["items"]!.AsArray().OfType<JsonObject>())
        {
            var metadata = item["metadata"]!;
            try
            {
                var result = Delete(type, metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>(), options);
                if (result.Object is not null)
                {
                    deleted.Add(WithTypeMeta(type, result.Object));
                }
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: that is the goal anyway.
            }
        }

        list["items"] = deleted;
        list["metadata"]!["resourceVersion"] = _store.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        return list;
    }

    public JsonObject GetScale(ResourceType type, string? ns, string name) => ScaleOf(type, Get(type, ns, name));

    public JsonObject UpdateScale(ResourceType type, string? ns, string name, JsonObject scale, WriteOptions options)
    {
        var spec = type.Scale ?? throw ApiStatus.NotFound(type.Group, type.Plural, name);
        var replicas = JsonNumber.AsLong(scale["spec"]?["replicas"]) ?? 0;
        var expected = scale["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        var result = Modify(type, ns, name, null, obj =>
        {
            if (expected.Length > 0 && expected != obj["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw ApiStatus.Conflict(type.Group, type.Plural, name);
            }

            JsonPath.Set(obj, spec.SpecReplicasPath, replicas);
            return obj;
        }, options);
        return ScaleOf(type, result.Object!);
    }

    public JsonObject ScaleOf(ResourceType type, JsonObject obj)
    {
        var spec = type.Scale!;
        var metadata = obj["metadata"]!;
        var status = new JsonObject { ["replicas"] = JsonPath.Get(obj, spec.StatusReplicasPath)?.DeepClone() ?? 0 };
        if (spec.LabelSelectorPath is not null && JsonPath.Get(obj, spec.LabelSelectorPath) is JsonObject selector && selector["matchLabels"] is JsonObject matchLabels)
        {
            status["selector"] = string.Join(",", matchLabels.Select(p => $"{p.Key}={p.Value}"));
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = JsonPath.Get(obj, spec.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    public static JsonObject WithTypeMeta(ResourceType type, JsonObject obj)
    {
        var result = new JsonObject { ["apiVersion"] = type.GroupVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in obj.ToList())
        {
            if (key is not ("apiVersion" or "kind"))
            {
                obj.Remove(key);
                result[key] = value;
            }
        }

        return result;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject body)
    {
        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (kind is { Length: > 0 } && kind != type.Kind)
        {
            throw ApiStatus.BadRequest($"the object provided is unrecognized (must be of type {type.Kind}): object kind \"{kind}\" does not match the expected kind \"{type.Kind}\"");
        }

        if (apiVersion is { Length: > 0 } && apiVersion != type.GroupVersion
            && !(type.IsCustom && apiVersion.StartsWith(type.Group + "/", StringComparison.Ordinal)))
        {
            throw ApiStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        body["apiVersion"] = type.GroupVersion;
        body["kind"] = type.Kind;
    }

    private static string ScopeNamespace(ResourceType type, string? urlNamespace, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return "";
        }

        var bodyNamespace = metadata["namespace"]?.GetValue<string>();
        if (urlNamespace is null)
        {
            throw ApiStatus.BadRequest("the server could not find the requested resource: a namespaced object needs a namespace in the URL");
        }

        if (bodyNamespace is { Length: > 0 } && bodyNamespace != urlNamespace)
        {
            throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = urlNamespace;
        return urlNamespace;
    }

    private void RequireWritableNamespace(ResourceType type, string ns, string name)
    {
        var namespaceObject = _store.Get(NamespacesKey, "", ns) ?? throw ApiStatus.NotFound("", "namespaces", ns);
        if (namespaceObject["metadata"]?["deletionTimestamp"] is not null)
        {
            throw new ApiException(403, "Forbidden",
                $"{ApiStatus.Qualified(type.Group, type.Plural)} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                ApiStatus.Details(name, type.Group, type.Plural));
        }
    }

    /// <summary>The next state from a full replacement body: the status subresource writes only status, the main
    /// resource never writes status (for kinds that have the subresource), and server-owned metadata stays.</summary>
    private static JsonObject Merge(ResourceType type, string? subresource, JsonObject current, JsonObject body)
    {
        JsonObject next;
        if (subresource == "status")
        {
            next = current.DeepClone().AsObject();
            next["status"] = body["status"]?.DeepClone();
            if (next["status"] is null)
            {
                next.Remove("status");
            }

            return next;
        }

        next = body.DeepClone().AsObject();
        if (type.HasStatus && !(type.Kind == "Namespace" && subresource == "finalize"))
        {
            next["status"] = current["status"]?.DeepClone();
            if (next["status"] is null)
            {
                next.Remove("status");
            }
        }

        var metadata = next["metadata"] as JsonObject ?? new JsonObject();
        next["metadata"] = metadata;
        var currentMetadata = current["metadata"]!.AsObject();
        foreach (var field in new[] { "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
        {
            metadata[field] = currentMetadata[field]?.DeepClone();
            if (metadata[field] is null)
            {
                metadata.Remove(field);
            }
        }

        return next;
    }

    /// <summary>Records a non-apply write in managedFields (an <c>Update</c> entry for the writing manager).</summary>
    private JsonObject Record(ResourceType type, JsonObject? current, JsonObject next, string? subresource, WriteOptions options) =>
        ManagedFields.RecordUpdate(current, next, options.UpdateManager, type.GroupVersion, _time.GetUtcNow(), subresource);

    private void Prepare(ResourceType type, JsonObject? current, JsonObject next, WriteOptions options)
    {
        var name = next["metadata"]?["name"]?.GetValue<string>() ?? "";
        if (!type.IsCustom)
        {
            TypedBody.Decode(type, next, options);
            StoredForm.Normalize(type, next);
            Defaulting.Apply(type.Group, type.Kind, next, AllocateClusterIp);
            if (current is null && type.Group == "batch" && type.Kind == "Job")
            {
                Defaulting.GenerateJobSelector(next, next["metadata"]!["uid"]!.GetValue<string>());
            }

            if (current is not null && Immutability.Check(type.Group, type.Kind, current, next) is { } immutable)
            {
                throw Immutable(type, name, immutable);
            }

            if (BuiltInRules.Validate(type.Group, type.Kind, next) is { Count: > 0 } invalid)
            {
                throw ApiStatus.Invalid(type.Group, type.Kind, name, invalid);
            }
        }

        if (type.IsCustom && type.Schema is not null)
        {
            var pruned = new List<string>();
            var errors = SchemaValidator.Process(type.Schema, next, pruned);
            if (pruned.Count > 0 && options.FieldValidation == "Strict")
            {
                var fields = string.Join(", ", pruned.Select(p => $"unknown field \"{p}\""));
                throw ApiStatus.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
            }

            if (errors.Count > 0)
            {
                throw ApiStatus.Invalid(type.Group, type.Kind, name, errors);
            }
        }

        if (IsCrd(type))
        {
            var errors = CustomResourceDefinitions.Validate(next);
            if (errors.Count > 0)
            {
                throw ApiStatus.Invalid(type.Group, type.Kind, name, errors);
            }

            CustomResourceDefinitions.Establish(next, Now());
        }

        Generation.Assign(type, current, next);
    }

    /// <summary>The 422 for a changed immutable field, with the message the immutability rules produced.</summary>
    private static ApiException Immutable(ResourceType type, string name, string message)
    {
        var detail = message.Split(" is invalid: ", 2) is [_, var rest] ? rest : message;
        var parts = detail.Split(": ", 2);
        var details = ApiStatus.Details(name, type.Group, type.Kind);
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = parts.Length == 2 ? parts[1] : detail, ["field"] = parts[0] });
        return new ApiException(422, "Invalid", message, details);
    }

    private static bool IsCrd(ResourceType type) => type.Group == "apiextensions.k8s.io" && type.Kind == "CustomResourceDefinition";

    /// <summary>Serves a CRD's resources from the moment it is stored; deleting it removes its objects first.</summary>
    private void PublishCrd(WriteResult result)
    {
        var crd = result.Object!;
        var name = crd["metadata"]!["name"]!.GetValue<string>();
        if (result.Outcome != WriteOutcome.Deleted)
        {
            Catalog.SetCustom(name, CustomResourceDefinitions.ResourceTypes(crd));
            return;
        }

        var storeKey = $"{crd["spec"]?["group"]?.GetValue<string>()}/{crd["spec"]?["names"]?["plural"]?.GetValue<string>()}";
        foreach (var item in _store.List(storeKey, null).Items)
        {
            var metadata = item["metadata"]!;
            _store.Write(storeKey, metadata["namespace"]?.GetValue<string>() ?? "", metadata["name"]!.GetValue<string>(), _ => null);
        }

        Catalog.SetCustom(name, []);
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        child = new JsonObject();
        parent[name] = child;
        return child;
    }

    private static bool FinalizedAway(JsonObject next)
    {
        var metadata = next["metadata"]!;
        return metadata["deletionTimestamp"] is not null && (metadata["finalizers"] as JsonArray ?? []).Count == 0
            && !(next["kind"]?.GetValue<string>() == "Namespace" && next["spec"]?["finalizers"] is JsonArray { Count: > 0 });
    }

    private WriteResult Publish(ResourceType type, WriteResult result, bool dryRun)
    {
        if (!dryRun && result.Outcome != WriteOutcome.Unchanged && IsCrd(type))
        {
            PublishCrd(result);
        }

        return result.Object is null ? result : result with { Object = WithTypeMeta(type, result.Object) };
    }

    private string AllocateClusterIp()
    {
        var n = Interlocked.Increment(ref _nextClusterIp);
        return $"10.96.{(n / 250) % 250}.{(n % 250) + 1}";
    }

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }
}
