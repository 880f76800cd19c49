import { UnmappableEventError } from '../../lambdas/normalize/errors';
import type { SourceEvent } from '../../lambdas/normalize/types';
import { sourceEvent } from './fixtures';

/** A fixture event from `test/fixtures/events/<source>/<file>`, freshly parsed (safe to mutate). */
export function loadEvent(source: string, file: string): SourceEvent<Record<string, unknown>> {
  return sourceEvent<Record<string, unknown>>(`${source}/${file}`);
}

/** Sets a value at a dotted path of an event (creating objects on the way); `undefined` deletes it. */
export function setAt(event: unknown, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  let node = event as Record<string, unknown>;
  for (const key of keys) node = (node[key] ??= {}) as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The field path of the UnmappableEventError `act` throws; fails the test if it throws nothing. */
export function unmappablePath(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof UnmappableEventError) return error.path;
    throw error;
  }
  throw new Error('expected an UnmappableEventError');
}
