/**
 * Authentication of inbound ticket webhooks, per kind: Jira signs the raw body with HMAC-SHA256 of
 * the webhook secret (`X-Hub-Signature: sha256=<hex>`, WebSub style); ServiceNow sends the shared
 * token as `Authorization: Bearer <token>`. Comparisons are constant-time; a missing header, a
 * malformed one or a wrong value all refuse. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers as received, names lower-cased. */
export type InboundHeaders = Record<string, string | undefined>;

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The `X-Hub-Signature` value Jira sends for `body` signed with `secret`. */
export function jiraSignature(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when the request carries Jira's signature of its raw body. */
export function verifyJiraSignature(headers: InboundHeaders, body: Buffer, secret: string): boolean {
  const signature = headers['x-hub-signature'];
  if (signature === undefined || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return false;
  return equal(signature.toLowerCase(), jiraSignature(body, secret));
}

/** True when the request carries the shared token (`Authorization: Bearer <token>`). */
export function verifyBearerToken(headers: InboundHeaders, _body: Buffer, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(headers.authorization ?? '');
  return match !== null && equal(match[1], token);
}
