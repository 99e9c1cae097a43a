import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
/** A sampling heap profile (bench/allocation-probe.ts writes one with collected objects kept). */
interface HeapNode {
  id: number;
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}
interface HeapProfile {
  head: HeapNode;
}

/** The tree and the weight of each node: CPU microseconds, or bytes allocated. */
interface Weighted {
  nodes: ProfileNode[];
  weights: Map<number, number>;
  unit: 'time' | 'bytes';
}

function cpuWeights(profile: CpuProfile): Weighted {
  const weights = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    weights.set(id, (weights.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return { nodes: profile.nodes, weights, unit: 'time' };
}

function heapWeights(profile: HeapProfile): Weighted {
  const nodes: ProfileNode[] = [];
  const weights = new Map<number, number>();
  const visit = (node: HeapNode) => {
    nodes.push({
      id: node.id,
      callFrame: node.callFrame,
      children: node.children.map((c) => c.id),
    });
    weights.set(node.id, node.selfSize);
    node.children.forEach(visit);
  };
  visit(profile.head);
  return { nodes, weights, unit: 'bytes' };
}

/** Where a function lives, shortened: the package name, or the project path. */
function placeOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  const inDist = /dist\/(.*)$/.exec(url);
  if (inDist) return inDist[1];
  return url.replace(/^node:/, 'node:') || '(native)';
}

/** Self weight per function and per package of a `--cpu-prof` profile or a sampling heap profile. */
function summarize(file: string, top: number): string {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile | HeapProfile;
  const { nodes, weights: selfMicros, unit } = 'head' in raw ? heapWeights(raw) : cpuWeights(raw);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const [id, node] of byId) {
    if (node.callFrame.functionName === '(idle)') selfMicros.delete(id);
  }
  const total = [...selfMicros.values()].reduce((sum, n) => sum + n, 0);
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (id: number): string => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${placeOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = nameOf(at);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const place = placeOf(byId.get(id)!.callFrame.url);
    const name = nameOf(id);
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `| ${((micros / total) * 100).toFixed(1)} % | ${name} |`);
  return [
    unit === 'time'
      ? `Busy time sampled (idle left out): ${(total / 1e6).toFixed(1)} s`
      : `Bytes allocated, sampled (collected objects included): ${(total / 2 ** 20).toFixed(0)} MiB`,
    '',
    '| self | package or file |',
    '| --- | --- |',
    ...rows(byPlace),
    '',
    '| self | function |',
    '| --- | --- |',
    ...rows(byFunction),
    '',
    '| total (self and callees) | function |',
    '| --- | --- |',
    ...rows(inclusive),
  ].join('\n');
}

const [file, top] = process.argv.slice(2);
if (!file) {
  process.stderr.write(
    'usage: node dist/bench/bench/profile-summary.js <file.cpuprofile|file.heapprofile> [top]\n',
  );
  process.exit(1);
}
process.stdout.write(`${summarize(file, Number(top ?? 25))}\n`);
