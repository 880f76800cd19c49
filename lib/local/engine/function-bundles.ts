/**
 * Each function's code as Lambda runs it: one esbuild bundle of the engine's runtime
 * (function-runtime.ts) and the handler file, CommonJS, like the deployed bundle (CDK's
 * NodejsFunction). An isolate loads it with plain `require` — no TypeScript hook — in a fraction of
 * the time the sources take. Bundles are cached on disk under a manifest of the project files they
 * were built from (content hashes) and package-lock.json, so a later start reuses them until a
 * source changes; writes are atomic (parallel starts are safe).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Bumped when the bundle's shape changes. */
const BUNDLE_VERSION = 1;

interface Manifest {
  version: number;
  /** Project inputs (relative to the root) and package-lock.json, by content hash. */
  inputs: Record<string, string>;
}

async function hashOf(root: string, file: string): Promise<string | undefined> {
  try {
    return createHash('sha1')
      .update(await readFile(join(root, file)))
      .digest('hex');
  } catch {
    return undefined;
  }
}

async function unchanged(root: string, inputs: Record<string, string>): Promise<boolean> {
  const files = Object.keys(inputs);
  const hashes = await Promise.all(files.map((file) => hashOf(root, file)));
  return files.every((file, index) => hashes[index] === inputs[file]);
}

/** A handler that cannot be bundled (a missing file, a syntax error): its isolate cannot load. */
export class BundleError extends Error {
  /** `MODULE_NOT_FOUND` when the handler file or one of its imports does not resolve. */
  readonly code?: string;

  constructor(message: string, missing: boolean) {
    super(message);
    this.name = 'Runtime.ImportModuleError';
    if (missing) this.code = 'MODULE_NOT_FOUND';
  }
}

/** Bundles built or checked in this process, by file: shared by every embedded default it runs. */
const BUNDLES = new Map<string, Promise<string>>();

/** The functions' bundles of a project, built on first use and cached in `cacheDir`. */
export class FunctionBundles {
  constructor(
    private readonly root: string,
    private readonly cacheDir: string,
  ) {}

  /** The bundle of a handler file (relative to the root, or absolute): its path, built if stale. */
  bundleOf(entry: string): Promise<string> {
    // Per project root too: work trees that share node_modules never overwrite each other's bundles.
    const name = `${createHash('sha1').update(this.root).digest('hex').slice(0, 8)}-${entry.replace(/[^\w.-]+/g, '_')}`;
    const file = join(this.cacheDir, `${name}.js`);
    let bundle = BUNDLES.get(file);
    if (bundle === undefined) {
      bundle = this.build(entry, name, file);
      // Checked once per process; a failure is tried again on the next load (the file may be fixed).
      bundle.catch(() => BUNDLES.delete(file));
      BUNDLES.set(file, bundle);
    }
    return bundle;
  }

  private async build(entry: string, name: string, file: string): Promise<string> {
    const manifestFile = join(this.cacheDir, `${name}.json`);
    try {
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
      if (manifest.version === BUNDLE_VERSION && (await unchanged(this.root, manifest.inputs))) return file;
    } catch {
      // no bundle yet, or unreadable: build it
    }
    const runtime = resolve(__dirname, 'function-runtime.ts');
    const handler = resolve(this.root, entry);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require('esbuild') as typeof import('esbuild');
    let result: Awaited<ReturnType<typeof build>>;
    try {
      result = await build({
        stdin: { contents: `require(${JSON.stringify(runtime)}).startRuntime(() => require(${JSON.stringify(handler)}));`, resolveDir: this.root, loader: 'js' },
        absWorkingDir: this.root,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        keepNames: true, // error and class names as written
        sourcemap: 'linked',
        sourcesContent: false,
        metafile: true,
        write: false,
        outfile: file,
        logLevel: 'silent',
      });
    } catch (error) {
      const errors = (error as { errors?: Array<{ text: string }> }).errors ?? [];
      const missing = errors.some((message) => message.text.startsWith('Could not resolve'));
      throw new BundleError(`${entry}: ${errors.map((message) => message.text).join('; ') || (error as Error).message}`, missing);
    }
    const inputs = Object.keys(result.metafile?.inputs ?? {}).filter((input) => !input.includes('node_modules/') && input !== '<stdin>');
    const manifest: Manifest = { version: BUNDLE_VERSION, inputs: {} };
    for (const input of [...inputs, 'package-lock.json']) {
      const hash = await hashOf(this.root, input);
      if (hash !== undefined) manifest.inputs[input] = hash;
    }
    await mkdir(this.cacheDir, { recursive: true });
    const suffix = `.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    for (const output of result.outputFiles ?? []) {
      await writeFile(output.path + suffix, output.contents);
      await rename(output.path + suffix, output.path);
    }
    await writeFile(manifestFile + suffix, JSON.stringify(manifest));
    await rename(manifestFile + suffix, manifestFile);
    return file;
  }
}
