import { load } from 'js-yaml';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { SHUTDOWN_GRACE_MS } from '../../apps/identity-bff/src/common/graceful-shutdown';
import { loadConfig } from '../../apps/identity-bff/src/config/app-config';
import {
  DEPLOYMENT_VARIABLES,
  Environment,
  ENVIRONMENT_VARIABLES,
  TUNING_VARIABLES,
} from '../../apps/identity-bff/src/config/environment';
import { useSimulatorAndBff } from '../support/bff';
import { userToken } from '../support/test-keys';
import { validateAgainstSchemas } from './support/kubernetes-schema';
import { K8sObject, kustomizeBuild } from './support/kustomize';

const ROOT = join(__dirname, '..', '..');
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes');
const REDIS_TOPOLOGY = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'];

// the parts of the objects these tests read
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  command?: string[];
  ports: { name: string; containerPort: number }[];
  envFrom?: { configMapRef: { name: string } }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  readinessProbe: Probe;
  livenessProbe: Probe;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown> & { capabilities: { drop: string[] } };
}
interface PodSpec {
  serviceAccountName: string;
  terminationGracePeriodSeconds: number;
  securityContext: Record<string, unknown> & { seccompProfile: { type: string } };
  containers: Container[];
}
type Deployment = K8sObject & {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};

const base = kustomizeBuild(KUBERNETES);
const overlay = kustomizeBuild(join(KUBERNETES, 'overlays', 'redis-cluster'));

const find = <T = K8sObject>(objects: K8sObject[], kind: string): T => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as T;
};
const deployment = find<Deployment>(base, 'Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const portNamed = (name: string | number) =>
  typeof name === 'number' ? name : container.ports.find((p) => p.name === name)?.containerPort;

/** The variables the Deployment gives the container: the ConfigMap it loads, then `env`. */
function containerEnvironment(objects: K8sObject[]): Record<string, string> {
  const configMap = find<K8sObject & { data: Record<string, string> }>(objects, 'ConfigMap');
  const bff = find<Deployment>(objects, 'Deployment').spec.template.spec.containers[0];
  expect(bff.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
  const env: Record<string, string> = { ...configMap.data };
  for (const variable of bff.env ?? []) env[variable.name] = variable.value ?? '<from a Secret>';
  return env;
}

/** The newest full bench run's resident-memory line (A/B trials skip it), in MiB: after 10k and after 100k requests. */
function benchResidentMemory(): { after10k: number; after100k: number } {
  const dir = join(ROOT, 'bench', 'results');
  const memoryLines = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) =>
      /^BFF resident memory: ([\d.]+) MiB after 10k requests, ([\d.]+) MiB after 100k/m.exec(
        readFileSync(join(dir, f), 'utf8'),
      ),
    )
    .filter((line) => line !== null);
  const line = memoryLines.at(-1);
  expect(line).toBeDefined();
  return { after10k: Number(line?.[1]), after100k: Number(line?.[2]) };
}

const mebibytes = (quantity: string): number => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

describe('deploy/kubernetes (the base) and overlays/redis-cluster', () => {
  it('the base and the overlay hold the same kinds, each object valid against its Kubernetes schema', () => {
    for (const objects of [base, overlay]) {
      expect(objects.map((o) => o.kind).sort()).toEqual([
        'ConfigMap',
        'Deployment',
        'HTTPRoute',
        'HorizontalPodAutoscaler',
        'NetworkPolicy',
        'PodDisruptionBudget',
        'PodMonitor',
        'PrometheusRule',
        'Service',
        'ServiceAccount',
      ]);
    }
    const results = validateAgainstSchemas([...base, ...overlay]);
    expect(results).toHaveLength(base.length + overlay.length);
    expect(results.filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it('the schema check catches a broken object (a port that is not a number)', () => {
    const broken = structuredClone(deployment);
    (broken.spec.template.spec.containers[0].ports[0] as { containerPort: unknown }).containerPort =
      'three thousand';
    expect(validateAgainstSchemas([broken])[0].errors).toEqual([
      expect.stringContaining('containerPort must be integer'),
    ]);
  });

  it('sets only variables the service reads, and a configuration it accepts in production', () => {
    const known: string[] = [
      ...ENVIRONMENT_VARIABLES,
      ...TUNING_VARIABLES,
      ...DEPLOYMENT_VARIABLES,
    ];
    for (const objects of [base, overlay]) {
      const env = containerEnvironment(objects);
      expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
      expect(env.NODE_ENV).toBe('production');
      expect(() => loadConfig(env)).not.toThrow();
      expect(env.ALLOW_INSECURE_LOCAL_RUN).toBeUndefined();
    }
  });

  it('takes the client secret from a Secret, never a literal, and ships no Secret', () => {
    expect(container.env).toEqual([
      {
        name: 'UPHOLD_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'identity-bff-upstream', key: 'client-secret' } },
      },
    ]);
    const configMap = find<K8sObject & { data: Record<string, string> }>(base, 'ConfigMap');
    expect(Object.keys(configMap.data).filter((name) => /SECRET|PASSWORD/.test(name))).toEqual([]);
    expect(base.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('the overlay swaps REDIS_URL for REDIS_CLUSTER_NODES and changes nothing else', () => {
    const topology = (env: Record<string, string>) =>
      REDIS_TOPOLOGY.filter((name) => env[name] !== undefined);
    expect(topology(containerEnvironment(base))).toEqual(['REDIS_URL']);
    const clusterEnv = containerEnvironment(overlay);
    expect(topology(clusterEnv)).toEqual(['REDIS_CLUSTER_NODES']);
    for (const node of clusterEnv.REDIS_CLUSTER_NODES.split(',')) {
      expect(new URL(node).protocol).toMatch(/^rediss?:$/);
    }
    const baseEnv = containerEnvironment(base);
    delete baseEnv.REDIS_URL;
    delete clusterEnv.REDIS_CLUSTER_NODES;
    expect(clusterEnv).toEqual(baseEnv);
    expect(overlay.filter((o) => o.kind !== 'ConfigMap')).toEqual(
      base.filter((o) => o.kind !== 'ConfigMap'),
    );
  });

  it('runs node directly on the built entry point, the same as the image', () => {
    const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(container.command).toEqual(JSON.parse(dockerCmd ?? '[]'));
    expect(container.command?.[0]).toBe('node');
    expect(existsSync(join(ROOT, container.command?.at(-1) ?? 'missing'))).toBe(true);
  });

  it('listens on the PORT it configures, and every port reference names that port', () => {
    const port = loadConfig(containerEnvironment(base)).port;
    expect(container.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
    expect(portNamed(container.readinessProbe.httpGet.port)).toBe(port);
    expect(portNamed(container.livenessProbe.httpGet.port)).toBe(port);
    const service = find<K8sObject & { spec: { ports: { targetPort: string }[] } }>(
      base,
      'Service',
    );
    expect(service.spec.ports.map((p) => portNamed(p.targetPort))).toEqual([port]);
    const monitor = find<
      K8sObject & { spec: { podMetricsEndpoints: { port: string; path: string }[] } }
    >(base, 'PodMonitor');
    expect(monitor.spec.podMetricsEndpoints.map((e) => [portNamed(e.port), e.path])).toEqual([
      [port, '/metrics'],
    ]);
  });

  it('selects the Deployment pods from the Service, PodDisruptionBudget, NetworkPolicy and PodMonitor', () => {
    const podLabels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy', 'PodMonitor']) {
      const spec = find<K8sObject & { spec: Record<string, { matchLabels: object }> }>(
        base,
        kind,
      ).spec;
      expect((spec.selector ?? spec.podSelector).matchLabels).toEqual(podLabels);
    }
    const service = find<K8sObject & { spec: { selector: object } }>(base, 'Service');
    expect(service.spec.selector).toEqual(podLabels);
    const hpa = find<K8sObject & { spec: { scaleTargetRef: object; minReplicas: number } }>(
      base,
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'identity-bff',
    });
    // a voluntary disruption may take one pod; the autoscaler never leaves fewer than two
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(find<K8sObject & { spec: object }>(base, 'PodDisruptionBudget').spec).toMatchObject({
      maxUnavailable: 1,
    });
    expect(pod.serviceAccountName).toBe(find(base, 'ServiceAccount').metadata.name);
  });

  it('gives SIGTERM the time the service needs: drain delay plus the in-flight bound, with a margin', () => {
    const env = containerEnvironment(base);
    const drainDelayMs = Number(
      env.SHUTDOWN_DRAIN_DELAY_MS ?? new Environment().SHUTDOWN_DRAIN_DELAY_MS,
    );
    expect(loadConfig(env).shutdownDrainDelayMs).toBe(drainDelayMs);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
      drainDelayMs + SHUTDOWN_GRACE_MS,
    );
  });

  it('runs as a non-root user, read-only, without privileges, under the default seccomp profile', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    // the image says `USER node`; the kubelet can check runAsNonRoot only against a numeric id
    expect(pod.securityContext.runAsUser).toEqual(expect.any(Number));
    expect(pod.securityContext.runAsUser).not.toBe(0);
    expect(container.securityContext).toEqual(
      expect.objectContaining({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      }),
    );
  });

  it('requests CPU and memory and limits memory, sized above the resident memory bench measured', () => {
    const { requests, limits } = container.resources;
    expect(requests.cpu).toMatch(/^\d+m?$/);
    expect(limits.cpu).toBeUndefined(); // a CPU limit throttles a single-threaded server mid-request
    const measured = benchResidentMemory();
    expect(mebibytes(requests.memory)).toBeGreaterThan(measured.after10k);
    // headroom for growth past 100k requests, a GC cycle and bursts of bodies
    expect(mebibytes(limits.memory)).toBeGreaterThanOrEqual(1.5 * measured.after100k);
  });

  it('limits memory above the heap V8 may grow to, so V8 collects before the kernel kills', () => {
    const flag = (name: string): number => {
      const value = container.command?.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
      expect(value).toMatch(/^\d+$/);
      return Number(value);
    };
    // the old generation, the young one (two semi-spaces and its large-object space), and what
    // is not heap: Node's own code and buffers (about 55 MiB idle in the bench's heap statistics;
    // 96 with headroom)
    const heapAndNative = flag('max-old-space-size') + 3 * flag('max-semi-space-size') + 96;
    expect(mebibytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(heapAndNative);
  });

  it('lets the gateway and monitoring namespaces in, and out only DNS, Redis and HTTPS', () => {
    const policy = find<
      K8sObject & {
        spec: {
          policyTypes: string[];
          ingress: {
            from: { namespaceSelector: { matchLabels: Record<string, string> } }[];
            ports: { port: string }[];
          }[];
          egress: { ports: { port: number; protocol: string }[] }[];
        };
      }
    >(base, 'NetworkPolicy');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(
      policy.spec.ingress.map((rule) => [
        rule.from.map((f) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name']),
        rule.ports.map((p) => portNamed(p.port)),
      ]),
    ).toEqual([
      [['gateway-system'], [3000]],
      [['monitoring'], [3000]],
    ]);
    expect(
      policy.spec.egress.flatMap((rule) => rule.ports.map((p) => `${p.port}/${p.protocol}`)),
    ).toEqual(['53/UDP', '53/TCP', '6379/TCP', '26379/TCP', '443/TCP']);
  });
});

describe('the manifests against the running service', () => {
  const suite = useSimulatorAndBff();
  type Route = K8sObject & {
    spec: { rules: { matches: { path: { type: string; value: string } }[] }[] };
  };
  const matches = find<Route>(base, 'HTTPRoute').spec.rules.flatMap((rule) => rule.matches);
  // Gateway API path prefixes match whole path segments: /me matches /me/identity, not /metrics
  const routed = (path: string) =>
    matches.some(({ path: { type, value } }) =>
      type === 'Exact' ? path === value : path === value || path.startsWith(`${value}/`),
    );

  it('answers the probe paths on the probed port with 200', async () => {
    await request(suite.bff.url).get(container.readinessProbe.httpGet.path).expect(200);
    await request(suite.bff.url).get(container.livenessProbe.httpGet.path).expect(200);
  });

  it('the gateway routes /me and /docs and never /metrics or /health, which Prometheus scrapes in the cluster', async () => {
    for (const path of ['/me/identity', '/me/identity/files', '/docs', '/docs-json']) {
      expect([path, routed(path)]).toEqual([path, true]);
    }
    for (const path of ['/metrics', '/health/ready', '/health/live', '/mex']) {
      expect([path, routed(path)]).toEqual([path, false]);
    }
    const auth = `Bearer ${userToken()}`;
    await request(suite.bff.url).get('/me/identity').set('Authorization', auth).expect(200);
    await request(suite.bff.url).get('/docs-json').expect(200);
    await request(suite.bff.url).get('/metrics').expect(200);
  });
});

describe('the prometheusrule.yaml of the base', () => {
  it('holds the same groups as deploy/prometheus/identity-bff.rules.yml', () => {
    const rules = load(
      readFileSync(join(ROOT, 'deploy/prometheus/identity-bff.rules.yml'), 'utf8'),
    );
    expect(find<K8sObject & { spec: unknown }>(base, 'PrometheusRule').spec).toEqual(rules);
  });
});
