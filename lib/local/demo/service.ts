/**
 * The demo on the embedded default's edge (ours, local only):
 * `GET /_sechub/demo` (or POST, for clients that only POST) answers its state; `POST /_sechub/demo/reset` starts
 * wiping the findings table and the simulated accounts and loading the demo organization again,
 * and answers 202 at once with `Status: LOADING` (a load takes minutes: poll the state until
 * `LOADED` or `FAILED`, as `sechub demo --reset` does). Errors in the restJson1 shape clients read.
 */
import type { EdgeResponse, EdgeService } from '../engine';
import { DemoBusyError, type DemoState, type LocalDemo } from './loader';

/** Our paths on the edge. */
export const DEMO_PATHS = { state: '/_sechub/demo', reset: '/_sechub/demo/reset' } as const;

function answer(statusCode: number, body: unknown, type?: string): EdgeResponse {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...(type !== undefined && { 'x-amzn-ErrorType': type }) }, body: JSON.stringify(body) };
}

/** The demo's state on the wire (PascalCase, as the API's own operations answer). */
export function demoStateShape(state: DemoState | undefined, busy: boolean): Record<string, unknown> {
  if (state === undefined) return { Status: busy ? 'LOADING' : 'NOT_LOADED' };
  return {
    Status: busy ? 'LOADING' : state.status,
    StartedAt: state.startedAt,
    ...(state.error !== undefined && { Error: state.error }),
    ...(state.loadedAt !== undefined && { LoadedAt: state.loadedAt, LoadMillis: state.ms, Accounts: state.accounts, Regions: state.regions, DemoSnapshots: state.snapshots }),
  };
}

/** The edge service of the demo. */
export function demoService(demo: LocalDemo, log: (message: string) => void = () => undefined): EdgeService {
  return {
    name: 'demo',
    matches: (request) => request.target === undefined && (request.path === DEMO_PATHS.state || request.path === DEMO_PATHS.reset),
    async handle(request) {
      if (request.path === DEMO_PATHS.state && (request.method === 'GET' || request.method === 'POST')) return answer(200, demoStateShape(await demo.state(), demo.busy));
      if (request.path === DEMO_PATHS.reset && request.method === 'POST') {
        if (demo.busy) return answer(409, { __type: 'ConflictException', message: new DemoBusyError().message }, 'ConflictException');
        demo.reset((message) => log(`[demo] ${message}`)).catch((error: unknown) => log(`[demo] reset failed: ${(error as Error).stack ?? String(error)}`));
        return answer(202, { Status: 'LOADING' });
      }
      return answer(405, { __type: 'MethodNotAllowedException', message: `${request.method} ${request.path} is not supported` }, 'MethodNotAllowedException');
    },
  };
}
