/**
 * The posture console on the embedded default: `GET /console/…` serves the built app
 * (`console/dist`, made by `npm ci` through `prepare`, or here on first request when missing) and
 * `/console/config.json` tells it to talk to this same origin. Everything else goes on to the
 * other edge services.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { EdgeRequest, EdgeResponse, EdgeService } from './engine';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The same headers the deployed distribution's response headers policy sets. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/** Options of {@link consoleService}. */
export interface ConsoleServiceOptions {
  /** The project root (`console/` and `node_modules/` under it). */
  projectRoot: string;
  /** The Region the app's SDK client names (the embedded default's). */
  region: string;
  /** Progress of an on-demand build. */
  log?: (message: string) => void;
}

/** Runs `vite build console` in a child process; resolves when `console/dist/index.html` exists. */
export function buildConsole(projectRoot: string, log: (message: string) => void = () => undefined): Promise<void> {
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  log('Building the console (console/dist is missing; `npm ci` builds it too)…');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', 'console', '--logLevel', 'error'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build console failed (exit ${code}): ${errors.trim().slice(0, 2000)}`))));
  });
}

function answer(statusCode: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}): EdgeResponse {
  return { statusCode, headers: { 'Content-Type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

/** The console behind the edge (match it before services that take every path). */
export function consoleService(options: ConsoleServiceOptions): EdgeService {
  const dist = resolve(options.projectRoot, 'console', 'dist');
  let building: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    if (existsSync(join(dist, 'index.html'))) return Promise.resolve();
    building ??= buildConsole(options.projectRoot, options.log).finally(() => {
      building = undefined;
    });
    return building;
  };
  return {
    name: 'console',
    matches: (request: EdgeRequest) => (request.method === 'GET' || request.method === 'HEAD') && (request.path === CONSOLE_PATH || request.path.startsWith(`${CONSOLE_PATH}/`)),
    async handle(request) {
      if (request.path === CONSOLE_PATH) return answer(301, '', 'text/plain', { Location: `${CONSOLE_PATH}/` });
      const relative = decodeURIComponent(request.path.slice(CONSOLE_PATH.length + 1)) || 'index.html';
      if (relative === 'config.json') {
        return answer(200, JSON.stringify({ mode: 'local', region: options.region }), CONTENT_TYPES['.json'], { 'Cache-Control': 'no-store' });
      }
      await ready();
      const file = resolve(dist, relative);
      if (file !== dist && !file.startsWith(`${dist}${sep}`)) return answer(404, 'Not found', CONTENT_TYPES['.txt']);
      try {
        const body = await readFile(file);
        // Hashed asset names never change content: cache them; index.html always revalidates.
        const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return answer(200, request.method === 'HEAD' ? '' : body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', { 'Cache-Control': cache });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return answer(404, 'Not found', CONTENT_TYPES['.txt']);
        throw error;
      }
    },
  };
}
