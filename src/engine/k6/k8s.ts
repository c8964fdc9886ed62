/**
 * Kubernetes manifests for a distributed k6 run with the k6-operator
 * (https://grafana.com/docs/k6/latest/testing-guides/running-distributed-tests/):
 *
 *   ConfigMap <name>-script          script.js              → mounted at /test by the operator
 *   ConfigMap <name>-population-<i>  population-<i>.json    → projected into /data (≤ 1 MiB each),
 *                                    only for a population shipped as files; by default
 *                                    the script derives its candidates and there are none
 *   PersistentVolumeClaim <name>-results                     → /results, one NDJSON per pod
 *   TestRun <name>                   parallelism N: the operator gives pod i the
 *                                    execution segment i/N:(i+1)/N and starts all pods together
 *   Pod <name>-collector             mounts the results so `kubectl cp` can fetch them
 *
 * Each pod writes /results/samples-$(POD_NAME).ndjson: Kubernetes expands $(VAR) in a
 * container's command from its environment, and POD_NAME comes from the downward API.
 */
import { toYaml, type Yaml } from './yaml.js';

export interface K8sInput {
  name: string;
  parallelism: number;
  script: string;
  /** Population shards: file name → contents; none when the script derives its candidates. */
  population: Array<{ file: string; text: string }>;
  baseUrl: string;
  /** k6 container image for the runners. */
  image: string;
  /** Storage for the results volume. */
  storage?: string;
}

export interface K8sFile {
  file: string;
  text: string;
}

/** A Kubernetes object name (RFC 1123 label: lower-case alphanumerics and '-', ≤ 63). */
export function k8sName(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'rehearsal'
  );
}

const configMap = (name: string, file: string, text: string): Yaml => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels: { app: 'launch-rehearsal' } },
  data: { [file]: text },
});

export function k8sManifests(k: K8sInput): K8sFile[] {
  const base = k8sName(k.name);
  const scriptMap = `${base}-script`;
  const results = `${base}-results`;
  const shards = k.population.map((p, i) => ({ ...p, map: `${base}-population-${i}` }));
  const files = shards.length > 0;
  const testRun: Yaml = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: base },
    spec: {
      parallelism: k.parallelism,
      script: { configMap: { name: scriptMap, file: 'script.js' } },
      arguments: '--out json=/results/samples-$(POD_NAME).ndjson',
      runner: {
        image: k.image,
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ...(files ? [{ name: 'REHEARSAL_POPULATION', value: shards.map((s) => `/data/${s.file}`).join(',') }] : []),
          { name: 'REHEARSAL_BASE_URL', value: k.baseUrl },
        ],
        volumes: [
          ...(files
            ? [{ name: 'population', projected: { sources: shards.map((s) => ({ configMap: { name: s.map } })) } }]
            : []),
          { name: 'results', persistentVolumeClaim: { claimName: results } },
        ],
        volumeMounts: [
          ...(files ? [{ name: 'population', mountPath: '/data' }] : []),
          { name: 'results', mountPath: '/results' },
        ],
      },
    },
  };
  const pvc: Yaml = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: results },
    // Pods on different nodes write at once: the storage class must offer ReadWriteMany.
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: k.storage ?? '5Gi' } } },
  };
  const collector: Yaml = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${base}-collector` },
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'collector',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          volumeMounts: [{ name: 'results', mountPath: '/results' }],
        },
      ],
      volumes: [{ name: 'results', persistentVolumeClaim: { claimName: results } }],
    },
  };
  return [
    { file: '00-results-pvc.yaml', text: toYaml(pvc) },
    { file: '10-script-configmap.yaml', text: toYaml(configMap(scriptMap, 'script.js', k.script)) },
    ...shards.map((s, i) => ({
      file: `11-population-${i}-configmap.yaml`,
      text: toYaml(configMap(s.map, s.file, s.text)),
    })),
    { file: '20-testrun.yaml', text: toYaml(testRun) },
    { file: '30-collector-pod.yaml', text: toYaml(collector) },
  ];
}
