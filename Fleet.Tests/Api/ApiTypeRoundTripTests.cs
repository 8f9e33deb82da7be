using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fleet.Actors.Kube;
using Fleet.Messages.Api;
using Fleet.Messages.Api.Helm;
using Fleet.Messages.Api.Kustomize;
using Fleet.Messages.Api.Meta;
using Fleet.Messages.Api.Source;

namespace Fleet.Tests.Api;

/// <summary>
/// Objects that set every spec and status field of a kind read into Fleet's types and write back unchanged.
/// A JSON name spelled differently from Flux's drops that field on the way through, so the round trip fails;
/// a field the fixture forgets fails the coverage check, so no field goes untested.
/// </summary>
public class ApiTypeRoundTripTests
{
    private const string Condition = """
            - type: Ready
              status: "True"
              observedGeneration: 3
              lastTransitionTime: "2026-01-02T03:04:05Z"
              reason: Succeeded
              message: stored artifact for revision 'sha256:1a2b'
        """;

    [Fact]
    public void HelmRepositoryWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<HelmRepository>($$"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: podinfo
          namespace: flux-system
        spec:
          url: https://stefanprodan.github.io/podinfo
          secretRef:
            name: repo-auth
          certSecretRef:
            name: repo-tls
          passCredentials: true
          interval: 10m
          insecure: false
          timeout: 90s
          suspend: false
          accessFrom:
            namespaceSelectors:
              - matchLabels:
                  team: a
          type: default
          provider: generic
        status:
          observedGeneration: 3
          conditions:
        {{Condition}}
          url: http://source-controller.flux-system.svc.cluster.local./helmrepository/flux-system/podinfo/index.yaml
          artifact:
            path: helmrepository/flux-system/podinfo/index-1a2b.yaml
            url: http://source-controller.flux-system.svc.cluster.local./helmrepository/flux-system/podinfo/index-1a2b.yaml
            revision: sha256:1a2b
            digest: sha256:1a2b
            lastUpdateTime: "2026-01-02T03:04:05Z"
            size: 40960
            metadata:
              origin: index
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
        """);

    [Fact]
    public void HelmChartWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<HelmChart>($$"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmChart
        metadata:
          name: flux-system-podinfo
          namespace: flux-system
        spec:
          chart: podinfo
          version: ">=6.0.0 <7.0.0"
          sourceRef:
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: HelmRepository
            name: podinfo
          interval: 5m
          reconcileStrategy: Revision
          valuesFiles:
            - values.yaml
            - values-production.yaml
          ignoreMissingValuesFiles: true
          suspend: false
          verify:
            provider: cosign
            secretRef:
              name: cosign-public-keys
            matchOIDCIdentity:
              - issuer: "^https://token.actions.githubusercontent.com$"
                subject: "^https://github.com/stefanprodan/podinfo.*$"
        status:
          observedGeneration: 2
          observedSourceArtifactRevision: sha256:1a2b
          observedChartName: podinfo
          observedValuesFiles:
            - values.yaml
          conditions:
        {{Condition}}
          url: http://source-controller.flux-system.svc.cluster.local./helmchart/flux-system/flux-system-podinfo/latest.tar.gz
          artifact:
            path: helmchart/flux-system/flux-system-podinfo/podinfo-6.5.0.tgz
            url: http://source-controller.flux-system.svc.cluster.local./helmchart/flux-system/flux-system-podinfo/podinfo-6.5.0.tgz
            revision: 6.5.0+1a2b3c4d5e6f
            digest: sha256:3c4d
            lastUpdateTime: "2026-01-02T03:04:05Z"
            size: 14042
            metadata:
              appVersion: 6.5.0
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
        """);

    [Fact]
    public void OCIRepositoryWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<OCIRepository>($$"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata:
          name: podinfo
          namespace: flux-system
        spec:
          url: oci://ghcr.io/stefanprodan/manifests/podinfo
          ref:
            digest: sha256:5e6f
            semver: ">=6.0.0"
            semverFilter: ".*-rc.*"
            tag: latest
          layerSelector:
            mediaType: application/vnd.cncf.flux.content.v1.tar+gzip
            operation: copy
          provider: aws
          secretRef:
            name: registry-auth
          verify:
            provider: cosign
            secretRef:
              name: cosign-public-keys
            matchOIDCIdentity:
              - issuer: "^https://token.actions.githubusercontent.com$"
                subject: "^https://github.com/stefanprodan/podinfo.*$"
            trustedRootSecretRef:
              name: sigstore-trusted-root
          serviceAccountName: registry-reader
          certSecretRef:
            name: registry-tls
          proxySecretRef:
            name: proxy
          interval: 5m
          timeout: 2m
          ignore: |
            /*
            !/deploy
          insecure: true
          suspend: true
        status:
          observedGeneration: 4
          conditions:
        {{Condition}}
          url: http://source-controller.flux-system.svc.cluster.local./ocirepository/flux-system/podinfo/latest.tar.gz
          artifact:
            path: ocirepository/flux-system/podinfo/5e6f.tar.gz
            url: http://source-controller.flux-system.svc.cluster.local./ocirepository/flux-system/podinfo/5e6f.tar.gz
            revision: latest@sha256:5e6f
            digest: sha256:7a8b
            lastUpdateTime: "2026-01-02T03:04:05Z"
            size: 1337
            metadata:
              org.opencontainers.image.revision: main@sha1:0123456789abcdef0123456789abcdef01234567
          observedIgnore: |
            /*
            !/deploy
          observedLayerSelector:
            mediaType: application/vnd.cncf.flux.content.v1.tar+gzip
            operation: copy
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
        """);

    [Fact]
    public void BucketWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<Bucket>($$"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: Bucket
        metadata:
          name: manifests
          namespace: flux-system
        spec:
          provider: generic
          bucketName: manifests
          endpoint: minio.minio.svc.cluster.local:9000
          sts:
            provider: ldap
            endpoint: https://minio.minio.svc.cluster.local:9000
            secretRef:
              name: ldap-credentials
            certSecretRef:
              name: ldap-tls
          insecure: true
          region: us-east-1
          prefix: production/
          secretRef:
            name: minio-credentials
          serviceAccountName: bucket-reader
          certSecretRef:
            name: minio-tls
          proxySecretRef:
            name: proxy
          interval: 1m30s
          timeout: 30s
          ignore: "*.md"
          suspend: false
        status:
          observedGeneration: 1
          conditions:
        {{Condition}}
          url: http://source-controller.flux-system.svc.cluster.local./bucket/flux-system/manifests/latest.tar.gz
          artifact:
            path: bucket/flux-system/manifests/9c0d.tar.gz
            url: http://source-controller.flux-system.svc.cluster.local./bucket/flux-system/manifests/9c0d.tar.gz
            revision: sha256:9c0d
            digest: sha256:9c0d
            lastUpdateTime: "2026-01-02T03:04:05Z"
            size: 2048
            metadata:
              objects: "12"
          observedIgnore: "*.md"
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
        """);

    [Fact]
    public void KustomizationWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<Kustomization>($$"""
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          commonMetadata:
            annotations:
              owner: platform
            labels:
              tier: apps
          dependsOn:
            - name: infrastructure
              namespace: flux-system
              readyExpr: "dep.status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True')"
          decryption:
            provider: sops
            serviceAccountName: sops-decryptor
            secretRef:
              name: sops-age
          interval: 10m
          retryInterval: 1m
          kubeConfig:
            secretRef:
              name: remote-kubeconfig
              key: value.yaml
          path: ./apps/production
          postBuild:
            substituteStrategy: Always
            substitute:
              cluster_name: production
              replicas: "3"
            substituteFrom:
              - kind: ConfigMap
                name: cluster-vars
              - kind: Secret
                name: cluster-secrets
                optional: true
          prune: true
          deletionPolicy: WaitForTermination
          healthChecks:
            - apiVersion: apps/v1
              kind: Deployment
              name: podinfo
              namespace: apps
          namePrefix: prod-
          nameSuffix: -v2
          patches:
            - patch: |
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: not-used
                spec:
                  replicas: 2
              target:
                group: apps
                version: v1
                kind: Deployment
                namespace: apps
                name: "podinfo.*"
                annotationSelector: patch=true
                labelSelector: app.kubernetes.io/part-of=podinfo
          images:
            - name: ghcr.io/stefanprodan/podinfo
              newName: registry.example.com/podinfo
              newTag: 6.5.0
              digest: sha256:0e1f
          serviceAccountName: apps-reconciler
          sourceRef:
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            name: fleet-infra
            namespace: flux-system
          suspend: false
          targetNamespace: apps
          timeout: 5m
          force: true
          wait: true
          buildMetadata:
            - originAnnotations
            - transformerAnnotations
          components:
            - ../components/monitoring
          ignoreMissingComponents: true
          healthCheckExprs:
            - apiVersion: cert-manager.io/v1
              kind: Certificate
              current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')"
              inProgress: "status.conditions.filter(e, e.type == 'Issuing').all(e, e.status == 'True')"
              failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')"
          ignore:
            - paths:
                - /spec/replicas
                - /metadata/annotations/a~1b
              target:
                kind: Deployment
        status:
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
          observedGeneration: 7
          conditions:
        {{Condition}}
          lastAppliedRevision: main@sha1:0123456789abcdef0123456789abcdef01234567
          lastAppliedOriginRevision: v1.2.3@sha1:0123456789abcdef0123456789abcdef01234567
          lastAttemptedRevision: main@sha1:89abcdef0123456789abcdef0123456789abcdef
          inventory:
            entries:
              - id: apps_podinfo_apps_Deployment
                v: v1
              - id: apps_podinfo__Service
                v: v1
          history:
            - digest: sha256:2a3b
              firstReconciled: "2026-01-01T00:00:00Z"
              lastReconciled: "2026-01-02T03:04:05Z"
              lastReconciledDuration: 2.5s
              lastReconciledStatus: ReconciliationSucceeded
              totalReconciliations: 12
              metadata:
                revision: main@sha1:0123456789abcdef0123456789abcdef01234567
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: remote-apps
          namespace: flux-system
        spec:
          interval: 10m
          prune: false
          kubeConfig:
            configMapRef:
              name: remote-cluster
          sourceRef:
            kind: OCIRepository
            name: manifests
        """);

    [Fact]
    public void HelmReleaseWithEveryFieldRoundTrips() => AssertRoundTripCoversEveryField<HelmRelease>($$"""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: apps
        spec:
          chart:
            metadata:
              labels:
                chart: podinfo
              annotations:
                owner: platform
            spec:
              chart: podinfo
              version: 6.x
              sourceRef:
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                name: podinfo
                namespace: flux-system
              interval: 15m
              reconcileStrategy: ChartVersion
              valuesFiles:
                - values.yaml
              ignoreMissingValuesFiles: false
              verify:
                provider: notation
                secretRef:
                  name: notation-config
          interval: 10m
          kubeConfig:
            secretRef:
              name: remote-kubeconfig
              key: value
          suspend: false
          releaseName: podinfo-prod
          targetNamespace: podinfo
          storageNamespace: helm-storage
          dependsOn:
            - name: cert-manager
              namespace: infrastructure
              readyExpr: "dep.status.observedGeneration == dep.metadata.generation"
          timeout: 10m
          maxHistory: 3
          serviceAccountName: helm-deployer
          persistentClient: false
          driftDetection:
            mode: warn
            ignore:
              - paths:
                  - /spec/replicas
                target:
                  kind: Deployment
                  name: podinfo
          install:
            timeout: 15m
            strategy:
              name: RetryOnFailure
              retryInterval: 2m
            remediation:
              retries: -1
              ignoreTestFailures: true
              remediateLastFailure: false
            disableTakeOwnership: true
            disableWait: false
            disableWaitForJobs: true
            disableHooks: false
            disableOpenAPIValidation: true
            disableSchemaValidation: true
            replace: true
            skipCRDs: false
            crds: CreateReplace
            createNamespace: true
            serverSideApply: false
          upgrade:
            timeout: 15m
            strategy:
              name: RetryOnFailure
              retryInterval: 3m
            remediation:
              retries: 3
              ignoreTestFailures: false
              remediateLastFailure: true
              strategy: uninstall
            disableTakeOwnership: false
            disableWait: true
            disableWaitForJobs: false
            disableHooks: true
            disableOpenAPIValidation: false
            disableSchemaValidation: false
            force: true
            preserveValues: false
            cleanupOnFail: true
            crds: Create
            serverSideApply: auto
            chartNameChangeStrategy: InPlaceUpdate
          test:
            enable: true
            timeout: 3m
            ignoreFailures: false
            filters:
              - name: podinfo-grpc-test
                exclude: true
          rollback:
            timeout: 5m
            disableWait: true
            disableWaitForJobs: true
            disableHooks: true
            recreate: false
            force: false
            cleanupOnFail: true
            serverSideApply: enabled
          uninstall:
            timeout: 5m
            disableHooks: true
            keepHistory: true
            disableWait: true
            deletionPropagation: foreground
          valuesFrom:
            - kind: ConfigMap
              name: podinfo-values
              valuesKey: values-prod.yaml
              targetPath: "ingress.hosts[0].host"
              optional: true
              literal: true
          values:
            replicaCount: 2
            ratio: 0.5
            enabled: true
            removed: null
            tags:
              - a
              - 1
            ingress:
              hosts:
                - host: podinfo.example.com
          commonMetadata:
            annotations:
              owner: platform
            labels:
              tier: apps
          postRenderers:
            - kustomize:
                patches:
                  - patch: |
                      - op: add
                        path: /metadata/labels/patched
                        value: "true"
                    target:
                      group: apps
                      version: v1
                      kind: Deployment
                      namespace: podinfo
                      name: podinfo
                      annotationSelector: patch=true
                      labelSelector: app=podinfo
                images:
                  - name: ghcr.io/stefanprodan/podinfo
                    newName: registry.example.com/podinfo
                    newTag: 6.5.1
                    digest: sha256:4f5a
          postRenderStrategy: separate
          waitStrategy:
            name: legacy
          healthCheckExprs:
            - apiVersion: example.com/v1
              kind: Widget
              current: "status.ready == true"
              inProgress: "status.phase == 'Pending'"
              failed: "status.phase == 'Failed'"
        status:
          observedGeneration: 5
          observedPostRenderersDigest: sha256:4c5d
          observedCommonMetadataDigest: sha256:6e7f
          lastAttemptedGeneration: 5
          conditions:
        {{Condition}}
          helmChart: flux-system/apps-podinfo
          storageNamespace: helm-storage
          history:
            - apiVersion: v2
              digest: sha256:8a9b
              name: podinfo-prod
              namespace: podinfo
              version: 4
              status: deployed
              action: upgrade
              chartName: podinfo
              chartVersion: 6.5.0
              appVersion: 6.5.0
              configDigest: sha256:0c1d
              firstDeployed: "2026-01-01T00:00:00Z"
              lastDeployed: "2026-01-02T03:04:05Z"
              deleted: "2026-01-02T04:00:00Z"
              testHooks:
                podinfo-grpc-test:
                  lastStarted: "2026-01-02T03:04:10Z"
                  lastCompleted: "2026-01-02T03:04:20Z"
                  phase: Succeeded
              ociDigest: sha256:2e3f
          inventory:
            entries:
              - id: podinfo_podinfo_apps_Deployment
                v: v1
          lastAttemptedReleaseAction: upgrade
          lastAttemptedReleaseActionDuration: 1m2.5s
          failures: 1
          installFailures: 0
          upgradeFailures: 1
          lastAttemptedRevision: 6.5.0+2e3f4a5b6c7d
          lastAttemptedRevisionDigest: sha256:2e3f
          lastAttemptedValuesChecksum: 0123456789abcdef0123456789abcdef01234567
          lastReleaseRevision: 4
          lastAttemptedConfigDigest: sha256:0c1d
          lastHandledResetAt: "2026-01-02T02:00:00Z"
          lastHandledReconcileAt: "2026-01-02T03:00:00Z"
          lastHandledForceAt: "2026-01-02T01:00:00Z"
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo-oci
          namespace: apps
        spec:
          interval: 10m
          chartRef:
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: OCIRepository
            name: podinfo
            namespace: flux-system
          kubeConfig:
            configMapRef:
              name: remote-cluster
        """);

    [Fact]
    public void StatusTimesAreWrittenAsRfc3339Utc()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var release = new HelmRelease
        {
            ApiVersion = FluxKinds.HelmRelease.ApiVersion,
            Kind = FluxKinds.HelmRelease.Kind,
            Status = new HelmReleaseStatus
            {
                Conditions = [new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, LastTransitionTime = at, Reason = HelmReleaseConditions.UpgradeSucceededReason, Message = "upgraded" }],
                History = [new HelmReleaseSnapshot { Name = "podinfo", FirstDeployed = at, LastDeployed = at }],
            },
        };

        var status = FleetJson.SerializeToNode(release)!["status"]!;

        Assert.Equal("2026-01-02T03:04:05Z", status["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", status["history"]![0]!["firstDeployed"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", status["history"]![0]!["lastDeployed"]!.GetValue<string>());
        Assert.Null(status["history"]![0]!["deleted"]);
    }

    private static void AssertRoundTripCoversEveryField<T>(string yaml)
        where T : class
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in YamlJson.ParseDocuments(yaml))
        {
            var original = document!.AsObject();
            var typed = FleetJson.Deserialize<T>(original.ToJsonString())!;
            var written = FleetJson.SerializeToNode(typed);
            Assert.True(JsonNode.DeepEquals(original, written), $"changed in a round trip:\nbefore: {original.ToJsonString()}\nafter:  {written?.ToJsonString()}");
            CollectSetFields(typed, set);
        }

        var missing = DeclaredFields(typeof(T)).Where(f => !set.Contains(f)).Order().ToList();
        Assert.True(missing.Count == 0, $"the {typeof(T).Name} fixture leaves fields unset: {string.Join(", ", missing)}");
    }

    /// <summary>Every JSON field of every API record reachable from <paramref name="root"/>, as <c>Type.jsonName</c>.</summary>
    private static IEnumerable<string> DeclaredFields(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([root]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }
            foreach (var (name, property) in JsonProperties(type))
            {
                yield return $"{type.Name}.{name}";
                if (ApiRecord(ElementType(property.PropertyType)) is { } nested)
                {
                    pending.Enqueue(nested);
                }
            }
        }
    }

    private static void CollectSetFields(object value, HashSet<string> set)
    {
        foreach (var (name, property) in JsonProperties(value.GetType()))
        {
            if (property.GetValue(value) is not { } child)
            {
                continue;
            }
            set.Add($"{value.GetType().Name}.{name}");
            foreach (var item in Items(child))
            {
                if (ApiRecord(item.GetType()) is not null)
                {
                    CollectSetFields(item, set);
                }
            }
        }
    }

    private static IEnumerable<object> Items(object value) => value switch
    {
        string or JsonNode => [value],
        IDictionary map => map.Values.Cast<object?>().OfType<object>(),
        IEnumerable list => list.Cast<object?>().OfType<object>(),
        _ => [value],
    };

    private static IEnumerable<(string Name, PropertyInfo Property)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name!, p.Property));

    private static Type? ApiRecord(Type type) =>
        type.Namespace?.StartsWith("Fleet.Messages.Api", StringComparison.Ordinal) == true && JsonProperties(type).Any() ? type : null;

    private static Type ElementType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyDictionary<,>)))
        {
            return type.GetGenericArguments()[^1];
        }
        return type;
    }
}
