/**
 * What the standards, controls and associations operations share: the compliance services, the
 * clock, and the paging of fixed lists with opaque tokens bound to their query.
 */
import { InvalidInputError } from '../shared/errors';
import { optionalInteger, optionalString } from './envelope';
import type { ApiServices, ComplianceServices } from './operation';

/** Most items one page returns. */
export const MAX_PAGE = 100;

/** The compliance services; the API was built without them: a 500. */
export function compliance(services: ApiServices): ComplianceServices {
  if (services.compliance === undefined) throw new Error('The API was built without compliance services');
  return services.compliance;
}

/** The operations' clock. */
export const nowOf = (services: ComplianceServices) => (services.now ?? (() => new Date()))();

/** Paging of a fixed list: an opaque token bound to the query it was issued for. */
export interface Paging {
  MaxResults?: number;
  NextToken?: string;
}

/** One page of a fixed list, from the token issued for the same query. */
export function page<T>(items: readonly T[], paging: Paging, query: string): { items: T[]; NextToken?: string } {
  let offset = 0;
  if (paging.NextToken !== undefined) {
    let decoded: { o?: unknown; q?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(paging.NextToken, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      throw new InvalidInputError(`Invalid parameter 'NextToken': not a token this API issued.`);
    }
    if (decoded.q !== query || !Number.isInteger(decoded.o) || (decoded.o as number) < 0) {
      throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of this request.`);
    }
    offset = decoded.o as number;
  }
  const end = offset + (paging.MaxResults ?? MAX_PAGE);
  const next = end < items.length ? Buffer.from(JSON.stringify({ o: end, q: query })).toString('base64url') : undefined;
  return { items: items.slice(offset, end), ...(next !== undefined && { NextToken: next }) };
}

function queryInteger(value: string | undefined, path: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new InvalidInputError(`Invalid parameter '${path}': expected an integer.`);
  return optionalInteger(Number(value), path, min, max);
}

/** `MaxResults` / `NextToken` of a JSON body. */
export function bodyPaging(body: Record<string, unknown>): Paging {
  return dropUndefined({ MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_PAGE), NextToken: optionalString(body.NextToken, 'NextToken') });
}

/** `MaxResults` / `NextToken` of a query string. */
export function queryPaging(query: Record<string, string>): Paging {
  return dropUndefined({ MaxResults: queryInteger(query.MaxResults, 'MaxResults', 1, MAX_PAGE), NextToken: query.NextToken });
}

/** The object without its undefined members. */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
