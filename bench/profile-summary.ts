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

/** Where a function lives, shortened: the package name, or the project path. */
function placeOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  const inDist = /dist\/(.*)$/.exec(url);
  if (inDist) return inDist[1];
  return url.replace(/^node:/, 'node:') || '(native)';
}

/** Self time per function and per package of a `--cpu-prof` profile: `node profile-summary.js <file> [top]`. */
function summarize(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  for (const [id, node] of byId) {
    if (node.callFrame.functionName === '(idle)') selfMicros.delete(id);
  }
  const total = [...selfMicros.values()].reduce((sum, n) => sum + n, 0);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
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
    `Busy time sampled (idle left out): ${(total / 1e6).toFixed(1)} s`,
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
  process.stderr.write('usage: node dist/bench/bench/profile-summary.js <file.cpuprofile> [top]\n');
  process.exit(1);
}
process.stdout.write(`${summarize(file, Number(top ?? 25))}\n`);
