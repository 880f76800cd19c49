/** Small shared pieces of the views: data loading, errors, severity badges. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';

/** The state of one asynchronous load. */
export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes; `reload()` runs it again. */
export function useAsync<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads (callers pass a fresh closure each render); `tick` is reload().
  useEffect(() => {
    let live = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

/** An API error as the SDK raised it: its name and message. */
export function ErrorBox({ error }: { error: Error }) {
  return (
    <div className="error" role="alert">
      <strong>{error.name}</strong>: {error.message}
    </div>
  );
}

/** A loading indicator announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** The load's data, its error, or a loading line. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (loaded.data === undefined) return <Loading what={what} />;
  return <>{children(loaded.data)}</>;
}

const SEVERITY_MARK: Record<string, string> = { CRITICAL: '!!!', HIGH: '!!', MEDIUM: '!', LOW: '·', INFORMATIONAL: 'i' };

/** A severity as text with a shape mark and a colour (never colour alone). */
export function Severity({ label }: { label?: string }) {
  const value = label ?? 'INFORMATIONAL';
  return (
    <span className={`severity severity-${value.toLowerCase()}`}>
      <span aria-hidden="true">{SEVERITY_MARK[value] ?? ''} </span>
      {value}
    </span>
  );
}

/** A score (a whole percentage, or null without data) with a text grade. */
export function Score({ value }: { value?: number | null }) {
  if (value === undefined || value === null) return <span className="score">no data</span>;
  const shown = Math.round(value);
  const grade = shown >= 90 ? 'good' : shown >= 70 ? 'fair' : 'poor';
  return (
    <span className={`score score-${grade}`}>
      {shown} % <span className="grade">({grade})</span>
    </span>
  );
}
