/**
 * The docs map: `docs/` keeps in step with the code. Every deployed function, construct, normalizer,
 * playbook, standard and API operation (and its group file) is named on the page that documents it;
 * every repository path the docs name in code spans exists; every relative link (and its anchor)
 * in README.md, CONTRIBUTING.md and docs/ resolves; the README stays a front door that links every
 * page. Adding a function folder (or any of the others) without docs fails here, naming it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { STANDARDS } from '../../../lambdas/compliance';
import { NORMALIZERS } from '../../../lambdas/normalize';
import { PLAYBOOKS } from '../../../lambdas/remediation';

const ROOT = path.join(__dirname, '..', '..', '..');
/** The README is a front door: at most this many lines. */
const README_MAX_LINES = 150;

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const listDir = (dir: string): string[] => readdirSync(path.join(ROOT, dir)).sort();

/** Every Markdown file under `dir`, relative to the repository root. */
function markdownUnder(dir: string): string[] {
  return listDir(dir).flatMap((name) => {
    const file = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, file)).isDirectory()) return markdownUnder(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

const DOC_PAGES = markdownUnder('docs');
const ALL_MARKDOWN = ['README.md', 'CONTRIBUTING.md', ...DOC_PAGES];
const markdown = new MarkdownIt();
/** A token of markdown-it's parse. */
type Token = ReturnType<MarkdownIt['parse']>[number];
const parsed = new Map(ALL_MARKDOWN.map((file) => [file, markdown.parse(read(file), {})]));

/** Every inline token of a parsed file, flattened (links, images and code spans live there). */
function inlineTokens(file: string): Token[] {
  return (parsed.get(file) ?? []).flatMap((token) => token.children ?? []);
}

/** The anchors GitHub gives a file's headings (duplicates get `-1`, `-2`, … as GitHub does). */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = parsed.get(file) ?? [];
  const anchors = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = (tokens[index + 1]?.children ?? []).map((child) => child.content).join('');
    anchors.add(slugger.slug(text));
  });
  return anchors;
}

/** The names in `items` that `page` does not mention as `format(item)`. */
function missingFrom(page: string, items: readonly string[], format: (item: string) => string): string[] {
  const text = read(page);
  return items.filter((item) => !text.includes(format(item)));
}

describe('the docs map', () => {
  it('names every function folder (lambdas/functions/<name>/) in docs/architecture.md', () => {
    const functions = listDir('lambdas/functions').filter((name) => statSync(path.join(ROOT, 'lambdas/functions', name)).isDirectory());
    expect(functions.length).toBeGreaterThan(0);
    expect(missingFrom('docs/architecture.md', functions, (name) => `\`lambdas/functions/${name}/\``)).toEqual([]);
  });

  it('names every construct (lib/constructs/*.ts) in docs/architecture.md', () => {
    const constructs = listDir('lib/constructs').filter((name) => name.endsWith('.ts'));
    expect(constructs.length).toBeGreaterThan(0);
    expect(missingFrom('docs/architecture.md', constructs, (name) => `\`lib/constructs/${name}\``)).toEqual([]);
  });

  it('names every normalizer of the registry, with its folder, in docs/ingestion.md', () => {
    const ids = NORMALIZERS.map((normalizer) => normalizer.id);
    expect(missingFrom('docs/ingestion.md', ids, (id) => `| \`${id}\` | \`lambdas/normalize/${id}/\` | \`lambdas/functions/normalize-${id}/\` |`)).toEqual([]);
  });

  it('names every playbook of the registry in docs/remediation.md', () => {
    expect(
      missingFrom(
        'docs/remediation.md',
        PLAYBOOKS.map((playbook) => playbook.id),
        (id) => `| \`${id}\` |`,
      ),
    ).toEqual([]);
  });

  it('names every standard of the registry, by its ARN, in docs/standards.md', () => {
    expect(
      missingFrom(
        'docs/standards.md',
        STANDARDS.map((standard) => standard.id),
        (id) => `| \`standards/${id}\` |`,
      ),
    ).toEqual([]);
  });

  it('names every API operation group (lambdas/api/*operations.ts) in docs/api.md, and every operation in docs/', () => {
    const groups = listDir('lambdas/api').filter((name) => name.endsWith('operations.ts'));
    expect(groups).toContain('operations.ts');
    expect(missingFrom('docs/api.md', groups, (name) => `| \`${name}\` |`)).toEqual([]);

    // Operation names read from the group files' `defineOperation({ name: '…' })` (importing the
    // registry would load the whole API and its SDK clients: seconds, for a list of names).
    const docs = DOC_PAGES.map(read).join('\n');
    const names = groups.map((group) => [group, [...read(`lambdas/api/${group}`).matchAll(/^\s+name: '([A-Z]\w+)',$/gm)].map((match) => match[1] ?? '')] as const);
    expect(names.filter(([, found]) => found.length === 0).map(([group]) => group)).toEqual([]);
    expect(names.flatMap(([, found]) => found).filter((name) => !docs.includes(name))).toEqual([]);
  });

  it('names only repository paths that exist (code spans starting bin/, lib/, lambdas/, statemachines/, schemas/, test/, console/)', () => {
    const stale = ALL_MARKDOWN.flatMap((file) =>
      inlineTokens(file)
        .filter((token) => token.type === 'code_inline')
        .flatMap((token) => token.content.split(/[\s,()]+/))
        .filter((word) => /^(bin|lib|lambdas|statemachines|schemas|test|console)\/[\w./-]*$/.test(word))
        .filter((word) => !existsSync(path.join(ROOT, word.replace(/[.:]+$/, ''))))
        .map((word) => `${file}: ${word}`),
    );
    expect(stale).toEqual([]);
  });

  it('has no broken relative link or anchor in README.md, CONTRIBUTING.md or docs/', () => {
    const broken = ALL_MARKDOWN.flatMap((file) =>
      inlineTokens(file)
        .map((token) => (token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null))
        .filter((target): target is string => target !== null && !/^[a-z][a-z0-9+.-]*:/i.test(target))
        .filter((target) => {
          const [targetPath, anchor] = target.split('#') as [string, string | undefined];
          const targetFile = targetPath === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(targetPath)));
          if (!existsSync(path.join(ROOT, targetFile))) return true;
          return anchor !== undefined && targetFile.endsWith('.md') && !anchorsOf(targetFile).has(decodeURIComponent(anchor));
        })
        .map((target) => `${file}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it(`keeps README.md a front door: at most ${README_MAX_LINES} lines, the quickstart first, a link to every page of docs/`, () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
    expect(readme).toMatch(/^## Quickstart\n\n```sh\nnpm ci && npm start\nnpm test\n```$/m);
    expect(readme.match(/^## .*$/m)?.[0]).toBe('## Quickstart');
    const linked = new Set(
      inlineTokens('README.md')
        .filter((token) => token.type === 'link_open')
        .map((token) => (token.attrGet('href') ?? '').split('#')[0]),
    );
    expect(DOC_PAGES.filter((page) => !linked.has(page))).toEqual([]);
    expect(linked.has('CONTRIBUTING.md')).toBe(true);
  });
});
