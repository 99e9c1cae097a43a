import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** The repo's own documentation: the README, everything under docs/, and the bench notes. */
function documentationFiles(): string[] {
  const docs = existsSync(join(ROOT, 'docs'))
    ? readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => join('docs', name))
    : [];
  return ['README.md', join('bench', 'README.md'), ...docs].sort();
}

const FENCE = /^\s*(```|~~~)/;

/** The file's lines with fenced code blanked and, unless kept, inline code spans removed. */
function proseLines(markdown: string, keepInlineCode = false): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (FENCE.test(line)) {
      fenced = !fenced;
      return '';
    }
    if (fenced) return '';
    return keepInlineCode ? line : line.replace(/`[^`]*`/g, '');
  });
}

interface Link {
  file: string;
  line: number;
  target: string;
}

const INLINE_LINK = /\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/;
const HAS_SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function relativeLinksOf(file: string): Link[] {
  const lines = proseLines(readFileSync(join(ROOT, file), 'utf8'));
  return lines.flatMap((text, index) => {
    const targets = [...text.matchAll(INLINE_LINK)].map((match) => match[1]);
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition) targets.push(definition[1]);
    return targets
      .filter((target) => !HAS_SCHEME.test(target))
      .map((target) => ({ file, line: index + 1, target }));
  });
}

/** GitHub's anchors for a file's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseLines(markdown, true)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*]/g, '');
    const slug = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function gitIgnored(paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  try {
    const out = execFileSync('git', ['check-ignore', '--stdin'], {
      cwd: ROOT,
      input: paths.join('\n'),
      encoding: 'utf8',
    });
    return new Set(out.split('\n').filter(Boolean));
  } catch (error) {
    // exit status 1: none of the paths is ignored (a tracked file never is)
    if ((error as { status?: number }).status === 1) return new Set();
    throw error;
  }
}

/** One line per link that does not lead to a file of the repo (or to a heading of it). */
function brokenLinks(links: Link[]): string[] {
  const resolved = links.map((link) => {
    const [pathPart, anchor] = link.target.split('#', 2);
    const absolute = pathPart
      ? resolve(dirname(join(ROOT, link.file)), decodeURIComponent(pathPart))
      : join(ROOT, link.file);
    const inRepo = relative(ROOT, absolute);
    const outside = inRepo.startsWith('..') || isAbsolute(inRepo);
    return { link, anchor, absolute, inRepo, outside };
  });
  const ignored = gitIgnored(
    resolved.filter(({ outside, inRepo }) => !outside && inRepo).map(({ inRepo }) => inRepo),
  );
  return resolved.flatMap(({ link, anchor, absolute, inRepo, outside }) => {
    const where = `${link.file}:${link.line} → ${link.target}`;
    if (outside) return [`${where}: outside the repo`];
    if (!existsSync(absolute)) return [`${where}: no such file`];
    if (ignored.has(inRepo)) return [`${where}: a git-ignored path, absent from a clone`];
    if (anchor && absolute.endsWith('.md') && statSync(absolute).isFile()) {
      const anchors = headingAnchors(readFileSync(absolute, 'utf8'));
      if (!anchors.has(anchor.toLowerCase())) return [`${where}: no heading with this anchor`];
    }
    return [];
  });
}

/** Mentions that only make sense outside a clone: the sibling folder, the spec file, an issue tracker. */
const OUTSIDE_REFERENCES: { what: string; pattern: RegExp }[] = [
  { what: 'a path to the folder beside the repo', pattern: new RegExp('\\.\\./' + 'shared') },
  { what: 'the external spec', pattern: new RegExp('\\bS' + 'PEC\\b') },
  { what: 'an issue number', pattern: /\bissues?\s+#?\d+/i },
];

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((path) => path && existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile())
    .filter((path) => !readFileSync(join(ROOT, path)).includes(0));
}

describe('documentation in the repo', () => {
  const files = documentationFiles();

  it('finds the README, the docs folder and the bench notes', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', join('bench', 'README.md')]));
    expect(files.some((file) => file.startsWith(`docs/`))).toBe(true);
  });

  it('has every relative link lead to a file of the repo, and every anchor to a heading', () => {
    const links = files.flatMap(relativeLinksOf);
    expect(links.length).toBeGreaterThan(0);
    expect(brokenLinks(links)).toEqual([]);
  });

  it('has no tracked file point outside the repo, name the external spec or cite an issue number', () => {
    const offences = trackedTextFiles().flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((text, index) =>
          OUTSIDE_REFERENCES.filter(({ pattern }) => pattern.test(text)).map(
            ({ what }) => `${path}:${index + 1}: ${what}`,
          ),
        ),
    );
    expect(offences).toEqual([]);
  });
});
