// Validates Kubernetes objects against the API's OpenAPI schemas as packaged by kubernetes-models
// (ESM only, so the e2e specs run this file as a child process): a JSON array of objects on stdin,
// one `{ kind, name, errors }` per object on stdout.
const MODULES = {
  'monitoring.coreos.com/': '@kubernetes-models/prometheus-operator/',
  'gateway.networking.k8s.io/': '@kubernetes-models/gateway-api/',
};

function modulePath({ apiVersion, kind }) {
  for (const [group, pkg] of Object.entries(MODULES)) {
    if (apiVersion.startsWith(group)) return `${pkg}${apiVersion}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function validate(object) {
  const result = { kind: object.kind, name: object.metadata?.name, errors: [] };
  let Model;
  try {
    Model = (await import(modulePath(object)))[object.kind];
  } catch {
    result.errors.push(`no schema for ${object.apiVersion} ${object.kind}`);
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
