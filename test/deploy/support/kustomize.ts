import { load, loadAll } from 'js-yaml';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion: string;
  kind: string;
  resources?: string[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

const UNDERSTOOD = new Set(['apiVersion', 'kind', 'resources', 'patches']);

/**
 * `kustomize build` for the features deploy/kubernetes uses: resources (files and directories)
 * and JSON 6902 patches on a target's kind and name. Anything else is refused, never skipped.
 */
export function kustomizeBuild(dir: string): K8sObject[] {
  const kustomization = load(
    readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
  ) as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !UNDERSTOOD.has(key));
  if (unknown.length > 0)
    throw new Error(`${dir}: kustomize fields not rendered: ${unknown.join()}`);
  const objects = (kustomization.resources ?? []).flatMap((resource) => {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) return kustomizeBuild(path);
    return loadAll(readFileSync(path, 'utf8')).filter(Boolean) as K8sObject[];
  });
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = objects.filter(
      (o) => o.kind === target.kind && o.metadata.name === target.name,
    );
    if (matches.length !== 1) throw new Error(`${dir}: patch target ${target.kind}/${target.name}`);
    for (const operation of load(patch) as PatchOperation[]) applyOperation(matches[0], operation);
  }
  return objects;
}

function applyOperation(object: K8sObject, { op, path, value }: PatchOperation): void {
  const keys = path
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  let parent: Record<string, unknown> = object;
  for (const key of keys) parent = parent[key] as Record<string, unknown>;
  if (parent === undefined || last === undefined) throw new Error(`no parent for ${path}`);
  if (op === 'remove' || op === 'replace') {
    if (!(last in parent)) throw new Error(`${op} ${path}: nothing there`);
  }
  if (op === 'remove') delete parent[last];
  else parent[last] = value;
}
