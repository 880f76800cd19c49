/**
 * Where the embedded default gets the stack's template: `bin/app.ts` synthesized with bundling
 * skipped (in a child process, exactly as `cdk synth` runs the app), cached under a key made of
 * the contents of every project file the synthesis loaded, plus cdk.json and the lock file. An
 * edit to anything the template depends on (a construct, the registry, a pattern) re-synthesizes;
 * an edit to a handler does not (handlers are referenced by path, not loaded by the app).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CfnTemplate } from './stack-model';

/** The repository root. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
/** Shared by every data dir (the key is the sources' content): `node_modules/.cache`, as other tools keep theirs. */
export const DEFAULT_MODEL_CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'open-security-hub');

/** Files outside the app's module graph that change the template. */
const CONFIG_FILES = ['cdk.json', 'cdk.context.json', 'package-lock.json'];
const CACHE_FILE = 'stack-template.json';
const CACHE_VERSION = 1;

/** A synthesized stack. */
export interface SynthesizedStack {
  stackName: string;
  template: CfnTemplate;
}

/** How {@link loadStackTemplate} got the template, for the start banner. */
export interface LoadedStack extends SynthesizedStack {
  from: 'cache' | 'synth';
  ms: number;
}

interface CacheEntry {
  version: number;
  /** Project-relative path → sha256 of its content (`-` when missing). */
  sources: Record<string, string>;
  stack: SynthesizedStack;
}

async function hashFile(root: string, file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(join(root, file)))
      .digest('hex');
  } catch {
    return '-';
  }
}

async function hashAll(root: string, files: readonly string[]): Promise<Record<string, string>> {
  const hashes = await Promise.all(files.map((file) => hashFile(root, file)));
  return Object.fromEntries(files.map((file, index) => [file, hashes[index]]));
}

/** The context the cdk CLI would pass (cdk.json, cdk.context.json), plus "bundle no stack". */
async function cliContext(root: string): Promise<Record<string, unknown>> {
  const read = async (file: string) => {
    try {
      return JSON.parse(await readFile(join(root, file), 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const cdkJson = await read('cdk.json');
  return { ...((cdkJson.context as Record<string, unknown>) ?? {}), ...(await read('cdk.context.json')), 'aws:cdk:bundling-stacks': [] };
}

/** Reads the one stack of a cloud assembly directory (`cdk.out`). */
export async function readAssembly(dir: string): Promise<SynthesizedStack> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string; stackName?: string } }>;
  };
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length !== 1) throw new Error(`${dir}: expected one stack in the cloud assembly, found ${stacks.length}`);
  const [[id, artifact]] = stacks;
  const template = JSON.parse(await readFile(join(dir, artifact.properties?.templateFile ?? `${id}.template.json`), 'utf8')) as CfnTemplate;
  return { stackName: artifact.properties?.stackName ?? id, template };
}

/**
 * Synthesizes `bin/app.ts` in a child process (tsx, no bundling; the context of cdk.json and
 * cdk.context.json as `CDK_CONTEXT_JSON`, as the cdk CLI passes it) into a temporary cloud assembly.
 * Resolves to the stack and the project files the app loaded.
 */
export async function synthesizeStack(root: string = PROJECT_ROOT): Promise<SynthesizedStack & { sources: string[] }> {
  const context = await cliContext(root);
  const outdir = await mkdtemp(join(tmpdir(), 'sechub-synth-'));
  const sourcesFile = join(outdir, 'sources.json');
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        ['--require', require.resolve('tsx/cjs'), join(root, 'lib', 'local', 'synth-app.ts')],
        {
          cwd: root,
          env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context), SECHUB_SYNTH_SOURCES: sourcesFile },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, _stdout, stderr) => (error ? fail(new Error(`Synthesizing bin/app.ts failed: ${stderr.trim() || error.message}`)) : done()),
      );
    });
    const stack = await readAssembly(outdir);
    const sources = JSON.parse(await readFile(sourcesFile, 'utf8')) as string[];
    return { ...stack, sources };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/**
 * The stack's template: from the cache when no file it was synthesized from has changed,
 * otherwise synthesized afresh (seconds) and cached (written atomically: parallel starts are safe).
 */
export async function loadStackTemplate(options: { cacheDir?: string; root?: string } = {}): Promise<LoadedStack> {
  const started = Date.now();
  const root = options.root ?? PROJECT_ROOT;
  const cacheDir = options.cacheDir ?? DEFAULT_MODEL_CACHE_DIR;
  const cacheFile = join(cacheDir, CACHE_FILE);
  try {
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as CacheEntry;
    if (cached.version === CACHE_VERSION) {
      const current = await hashAll(root, Object.keys(cached.sources));
      if (Object.entries(cached.sources).every(([file, hash]) => current[file] === hash)) {
        return { ...cached.stack, from: 'cache', ms: Date.now() - started };
      }
    }
  } catch {
    // no cache yet, or unreadable: synthesize
  }
  const { sources, ...stack } = await synthesizeStack(root);
  const entry: CacheEntry = { version: CACHE_VERSION, sources: await hashAll(root, [...sources, ...CONFIG_FILES]), stack };
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.${Date.now()}`;
  await writeFile(temporary, JSON.stringify(entry));
  await rename(temporary, cacheFile);
  return { ...stack, from: 'synth', ms: Date.now() - started };
}
