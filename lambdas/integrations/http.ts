/**
 * The HTTP client of the destinations: undici's `RetryAgent` (exponential backoff from
 * `minTimeoutMs`, `Retry-After` honoured, on 408/429/5xx and connection errors, for every method
 * we send) — no retry loop of our own. A status that still fails after the retries, or any other
 * non-2xx, throws with the destination, status and the start of the answer.
 *
 * With `captureUrl` (the embedded default) every request goes to the local capture endpoint
 * instead, carrying where it would have gone in `x-sechub-destination-url`.
 */
import { Agent, type Dispatcher, RetryAgent, request as undiciRequest } from 'undici';
import type { DestinationConfig } from './config';
import type { OutboundRequest, OutboundResponse } from './types';

/** Options of {@link httpSender}. */
export interface HttpSenderOptions {
  /** Send every request here instead (the embedded default's capture endpoint). */
  captureUrl?: string;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff, doubled per retry. Default 500 ms. */
  minTimeoutMs?: number;
  /** Per-request headers/body timeout. Default 10 s. */
  timeoutMs?: number;
}

/** Headers that tell the capture endpoint where a request would have gone. */
export const CAPTURE_HEADERS = { url: 'x-sechub-destination-url', destination: 'x-sechub-destination', kind: 'x-sechub-kind' } as const;

/** A destination's answer that is not a success, after retries. */
export class DestinationError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DestinationError';
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A sender for the delivery core. */
export function httpSender(options: HttpSenderOptions = {}): (destination: DestinationConfig, request: OutboundRequest) => Promise<OutboundResponse> {
  const timeout = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const agent = new RetryAgent(new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connect: { timeout } }), {
    maxRetries: retries,
    minTimeout: options.minTimeoutMs ?? 500,
    maxTimeout: 30_000,
    timeoutFactor: 2,
    methods: ['GET', 'POST', 'PATCH', 'PUT'],
    statusCodes: [408, 429, 500, 502, 503, 504],
  });
  return async (destination, outbound) => {
    const target = new URL(outbound.url, 'http://invalid');
    const where = `${destination.name} (${destination.kind}) ${outbound.method} ${options.captureUrl ? outbound.url.split('?')[0] : `${target.origin}${target.pathname}`}`;
    const url = options.captureUrl ?? outbound.url;
    const headers = {
      ...outbound.headers,
      ...(options.captureUrl !== undefined && { [CAPTURE_HEADERS.url]: outbound.url, [CAPTURE_HEADERS.destination]: destination.name, [CAPTURE_HEADERS.kind]: destination.kind }),
    };
    let response: Dispatcher.ResponseData;
    try {
      response = await undiciRequest(url, {
        method: outbound.method,
        headers,
        ...(outbound.body !== undefined && { body: JSON.stringify(outbound.body) }),
        dispatcher: agent,
      });
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const cause = status !== undefined ? `HTTP ${status}` : (error as Error).message;
      throw new DestinationError(`${where}: ${cause} after ${retries + 1} attempts`, status);
    }
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new DestinationError(`${where}: HTTP ${response.statusCode} ${text.slice(0, 200)}`, response.statusCode);
    }
    return { status: response.statusCode, body: parse(text) };
  };
}
