import { createHash } from 'node:crypto';
import { InvalidInputError } from '../shared/errors';
import { ORDER_ID_SHAPE } from './sorted-order-cache';

/**
 * GetFindings' NextToken: opaque to clients, bound to the query it came from. It carries the
 * position after the last returned finding (an index sort key when the index streams the order,
 * an offset when results are sorted in memory, with the id of the sorted order the first page kept,
 * see sorted-order-cache.ts) and a digest of the filters and sort criteria:
 * a token replayed with other filters, or edited, is rejected. Filters are re-applied on every page,
 * so no position can reveal findings outside them.
 */

/** Where the next page starts (`order`: the id of a kept sorted order, when there is one). */
export type Position = { after: string } | { offset: number; order?: string };

interface TokenBody {
  v: 1;
  q: string;
  a?: string;
  o?: number;
  c?: string;
}

const SORT_KEY_SHAPE = /^[0-9TZ:.-]{1,32}#[A-Za-z0-9_-]{43}$/;

/** Digest of the query a token belongs to. */
export function queryDigest(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 22);
}

/** Encodes a position for the query with this digest. */
export function encodeNextToken(digest: string, position: Position): string {
  const body: TokenBody = {
    v: 1,
    q: digest,
    ...('after' in position ? { a: position.after } : { o: position.offset, ...(position.order !== undefined && { c: position.order }) }),
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Decodes and checks a NextToken against the query's digest. */
export function decodeNextToken(token: string, digest: string): Position {
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenBody;
  } catch {
    throw new InvalidInputError('NextToken: is not a token this API issued');
  }
  if (body?.v !== 1 || typeof body.q !== 'string') throw new InvalidInputError('NextToken: is not a token this API issued');
  if (body.q !== digest) throw new InvalidInputError('NextToken: was issued for different filters or sort criteria');
  if (typeof body.a === 'string' && SORT_KEY_SHAPE.test(body.a)) return { after: body.a };
  if (Number.isSafeInteger(body.o) && (body.o as number) > 0) {
    if (body.c === undefined) return { offset: body.o as number };
    if (typeof body.c === 'string' && ORDER_ID_SHAPE.test(body.c)) return { offset: body.o as number, order: body.c };
  }
  throw new InvalidInputError('NextToken: position is malformed');
}
