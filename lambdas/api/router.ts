/**
 * Maps method + path to an operation of the registry. Pure: no I/O, built once per registry.
 * Path templates follow Smithy's `@http` syntax: `{Label}` binds one segment, `{Label+}` the rest.
 */
import type { ApiOperation } from './operation';

/** A route that matched: the operation and the labels its path template bound. */
export interface RouteMatch {
  operation: ApiOperation;
  pathParameters: Record<string, string>;
}

/** Why no operation matched. */
export interface RouteMiss {
  operation?: undefined;
  /** Methods the path is served with (empty when no route has this path). */
  allowedMethods: string[];
}

/** Resolves requests to operations. */
export type Router = (method: string, path: string) => RouteMatch | RouteMiss;

interface CompiledRoute {
  operation: ApiOperation;
  pattern: RegExp;
  labels: string[];
}

function compile(operation: ApiOperation): CompiledRoute {
  const labels: string[] = [];
  const source = operation.path
    .split('/')
    .map((segment) => {
      const label = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label[1]);
      return label[2] === '+' ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { operation, pattern: new RegExp(`^${source}$`), labels };
}

/** Removes a trailing slash (but keeps `/`). */
function normalizePath(path: string): string {
  const withoutQuery = path.split('?')[0];
  return withoutQuery.length > 1 && withoutQuery.endsWith('/') ? withoutQuery.slice(0, -1) : withoutQuery;
}

/** Builds the router of an operations registry; throws on two operations with the same route. */
export function createRouter(operations: readonly ApiOperation[]): Router {
  const seen = new Set<string>();
  for (const { method, path, name } of operations) {
    const key = `${method} ${path}`;
    if (seen.has(key)) throw new Error(`Duplicate route ${key} (${name})`);
    seen.add(key);
  }
  const routes = operations.map(compile);
  return (method, rawPath) => {
    const path = normalizePath(rawPath);
    const allowedMethods: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.operation.method !== method.toUpperCase()) {
        allowedMethods.push(route.operation.method);
        continue;
      }
      const pathParameters = Object.fromEntries(route.labels.map((label, i) => [label, decodeURIComponent(match[i + 1])]));
      return { operation: route.operation, pathParameters };
    }
    return { allowedMethods };
  };
}
