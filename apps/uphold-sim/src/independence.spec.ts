import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const SIM_ROOT = resolve(__dirname, '..');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|\brequire\(\s*'([^']+)'\s*\)/g;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The imports of a file that reach outside the simulator: other apps, libs, path aliases. */
function foreignImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3])
    .filter((specifier) => {
      if (specifier.startsWith('.')) {
        return relative(SIM_ROOT, resolve(dirname(file), specifier)).startsWith('..');
      }
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return false;
      return specifier.startsWith('@app/'); // a path alias into the monorepo; npm packages are fine
    });
}

describe('the simulator stands apart from the client it judges', () => {
  it('imports nothing from the BFF or libs/uphold, in its sources, specs and test kit', () => {
    const files = sourcesUnder(SIM_ROOT);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      foreignImports(file).map((specifier) => `${relative(SIM_ROOT, file)}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
