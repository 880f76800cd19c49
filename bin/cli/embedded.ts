/**
 * Loads the embedded default (dynalite, the handlers, the state machines) for a command that finds
 * nothing listening on the default endpoint. It is never in the CLI's bundle (`bin/dist/sechub.cjs`):
 * from the bundle it is loaded from its TypeScript sources through tsx, which only this path pays
 * for; `bin/build.mjs` writes the path to lib/local/server from the bundle's folder.
 */

/** Defined (`true`) by the bundle's build (`bin/build.mjs`); undeclared under tsx and Jest. */
declare const SECHUB_BUNDLED: boolean | undefined;

/** `lib/local/server`, loaded on first use. */
export function loadEmbeddedDefault(): typeof import('../../lib/local/server') {
  if (typeof SECHUB_BUNDLED !== 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('tsx/cjs');
  }
  // `require`, not `import()`: under tsx's CommonJS hook a dynamic import goes to Node's ESM
  // loader, which cannot resolve TypeScript files. The bundle keeps it external (see above).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../lib/local/server') as typeof import('../../lib/local/server');
}
