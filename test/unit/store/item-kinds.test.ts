import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ITEM_KINDS, isItemOf, itemKey, shapePrefix, type ItemKind, type KeyShape } from '../../../lambdas/store/item-kinds';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const KINDS: ItemKind[] = Object.values(ITEM_KINDS);

/** Can some key of shape `a` equal some key of shape `b`? (A prefixed part may be any text, even empty.) */
function mayOverlap(a: KeyShape, b: KeyShape): boolean {
  if ('fixed' in a && 'fixed' in b) return a.fixed === b.fixed;
  if ('fixed' in a) return a.fixed.startsWith(shapePrefix(b));
  if ('fixed' in b) return b.fixed.startsWith(a.prefix);
  return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
}

/**
 * What is wrong with a registry: two kinds whose pk and sk can both be equal (one stored key, two
 * meanings), or, in one key position, a kind's prefix that starts another kind's key text — unless
 * both kinds share the partition on purpose (identical pk shapes, told apart by disjoint sks).
 */
function registryProblems(kinds: readonly ItemKind[]): string[] {
  const problems: string[] = [];
  kinds.forEach((a, i) => {
    kinds.slice(i + 1).forEach((b) => {
      const samePartition = JSON.stringify(a.pk) === JSON.stringify(b.pk) && shapePrefix(a.pk) === shapePrefix(b.pk);
      if (mayOverlap(a.pk, b.pk) && mayOverlap(a.sk, b.sk)) problems.push(`${a.name} and ${b.name} can have the same pk and sk`);
      if (!samePartition && mayOverlap(a.pk, b.pk)) problems.push(`${a.name} and ${b.name}: one's pk prefix starts the other's pk`);
      if (samePartition && mayOverlap(a.sk, b.sk)) problems.push(`${a.name} and ${b.name} share a partition with overlapping sks`);
    });
  });
  return problems;
}

function renderShape(shape: KeyShape): string {
  return 'fixed' in shape ? shape.fixed : shape.prefix + shape.parts.map((part) => `<${part}>`).join('#');
}

/** The table docs/store.md carries. */
function kindsTable(): string {
  const rows = KINDS.map(
    (kind) =>
      `| \`${kind.name}\` | ${kind.owner} | \`${renderShape(kind.pk)}\` | \`${renderShape(kind.sk)}\` | ${kind.version === undefined ? '' : `\`${kind.version}\``} | ${kind.purpose} |`,
  );
  return ['| Kind | Owner | pk | sk | Version | Purpose |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Code without comments (TSDoc describes keys in prose; only code must not spell them). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('item kinds', () => {
  it('no two kinds can produce the same key, and no prefix starts another kind’s key', () => {
    expect(registryProblems(KINDS)).toEqual([]);
  });

  it('the collision check catches a colliding registry', () => {
    const clash: ItemKind = { ...ITEM_KINDS.alertGroup, name: 'clash', pk: { prefix: 'ALERT', parts: ['x'], build: (x: string) => `ALERT${x}` } };
    const shadow: ItemKind = { ...ITEM_KINDS.history, name: 'shadow', sk: { prefix: 'H', parts: ['x'], build: (x: string) => `H${x}` } };
    expect(registryProblems([ITEM_KINDS.alertGroup, clash])).toContain('alertGroup and clash can have the same pk and sk');
    expect(registryProblems([ITEM_KINDS.alertDecision, clash])).toContain("alertDecision and clash: one's pk prefix starts the other's pk");
    expect(registryProblems([ITEM_KINDS.history, shadow])).toContain('history and shadow can have the same pk and sk');
  });

  it('every kind is registered under its own name', () => {
    for (const [name, kind] of Object.entries(ITEM_KINDS)) expect(kind.name).toBe(name);
  });

  it('builds the stored key formats (they are a data format: existing items must stay readable)', () => {
    expect(itemKey(ITEM_KINDS.complianceSettings, [], [])).toEqual({ pk: 'CFG#settings', sk: 'CFG' });
    expect(itemKey(ITEM_KINDS.alertGroup, ['111122223333', 'arn:aws:s3:::b'], [])).toEqual({ pk: 'ALERTGROUP#111122223333#arn:aws:s3:::b', sk: 'GROUP' });
    expect(itemKey(ITEM_KINDS.rateCounter, [], ['111122223333', '2026-12-07T20'])).toEqual({ pk: 'REM#rate', sk: '111122223333#2026-12-07T20' });
    expect(itemKey(ITEM_KINDS.history, ['k'], ['0000000003'])).toEqual({ pk: 'F#k', sk: 'H#0000000003' });
    expect(ITEM_KINDS.accountScoreSnapshot.pk.build('1')).toBe('SCORE#snapshots#A#1');
  });

  it('tells an item’s kind from its keys', () => {
    const link = itemKey(ITEM_KINDS.resourceLink, ['k'], ['01']);
    expect(isItemOf(ITEM_KINDS.resourceLink, link)).toBe(true);
    expect(isItemOf(ITEM_KINDS.history, link)).toBe(false);
    expect(isItemOf(ITEM_KINDS.resourceLink, itemKey(ITEM_KINDS.remediationRecord, [], ['R#1']))).toBe(false);
  });

  it('no key prefix is spelled outside the registry (lambdas/ and lib/)', () => {
    const literal = /['"`](#?[A-Z][A-Z0-9_-]*#|#[A-Z][A-Z0-9_-]*['"`])/;
    const offenders = ['lambdas', 'lib']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !file.endsWith(path.join('store', 'item-kinds.ts')))
      .flatMap((file) =>
        code(readFileSync(file, 'utf8'))
          .split('\n')
          .filter((line) => literal.test(line))
          .map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('every registered kind is used by a store (no dead entries)', () => {
    const lambdas = sourceFiles(path.join(ROOT, 'lambdas'))
      .filter((file) => !file.endsWith(path.join('store', 'item-kinds.ts')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(Object.keys(ITEM_KINDS).filter((name) => !lambdas.includes(`ITEM_KINDS.${name}`))).toEqual([]);
  });

  it('docs/store.md lists every kind as the registry says', () => {
    const docs = readFileSync(path.join(ROOT, 'docs', 'store.md'), 'utf8');
    const table = kindsTable();
    if (!docs.includes(table)) throw new Error(`docs/store.md must contain this table (from lambdas/store/item-kinds.ts):\n\n${table}\n`);
  });
});
