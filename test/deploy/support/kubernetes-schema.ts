import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface SchemaResult {
  kind: string;
  name: string;
  errors: string[];
}

/**
 * Checks objects against the Kubernetes API's OpenAPI schemas as packaged by kubernetes-models
 * (and its CRD packages). They are ES modules only, so a child node runs this module: a JSON
 * array of objects on stdin, one `{ kind, name, errors }` per object on stdout.
 */
const VALIDATOR = `
const MODULES = {
  'monitoring.coreos.com/': '@kubernetes-models/prometheus-operator/',
  'gateway.networking.k8s.io/': '@kubernetes-models/gateway-api/',
};

function modulePath({ apiVersion, kind }) {
  for (const [group, pkg] of Object.entries(MODULES)) {
    if (apiVersion.startsWith(group)) return \`\${pkg}\${apiVersion}/\${kind}\`;
  }
  return \`kubernetes-models/\${apiVersion}/\${kind}\`;
}

async function validate(object) {
  const result = { kind: object.kind, name: object.metadata?.name, errors: [] };
  let Model;
  try {
    Model = (await import(modulePath(object)))[object.kind];
  } catch {
    result.errors.push(\`no schema for \${object.apiVersion} \${object.kind}\`);
    return result;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    result.errors.push(error.message);
  }
  return result;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(JSON.stringify(await Promise.all(objects.map(validate))));
`;

const ROOT = join(__dirname, '..', '..', '..');

/** Each object checked against its Kubernetes (or CRD) schema. */
export function validateAgainstSchemas(objects: object[]): SchemaResult[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATOR], {
    cwd: ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`schema validation failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout) as SchemaResult[];
}
