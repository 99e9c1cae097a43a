import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface SchemaResult {
  kind: string;
  name: string;
  errors: string[];
}

/** Each object checked against its Kubernetes (or CRD) schema by kubernetes-schema.mjs. */
export function validateAgainstSchemas(objects: object[]): SchemaResult[] {
  const run = spawnSync(process.execPath, [join(__dirname, 'kubernetes-schema.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`schema validation failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout) as SchemaResult[];
}
