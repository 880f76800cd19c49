/**
 * The embedded default's stand-in for the integrations' destinations, behind the edge:
 * - `POST|GET|PATCH /_sechub/integrations/capture`: every outbound request of the delivery function
 *   (it sends here when `SECHUB_INTEGRATIONS_CAPTURE_URL` is set), recorded with where it would
 *   have gone, and answered as that destination answers (Jira's issue key, ServiceNow's sys_id…);
 * - `POST /_sechub/deliveries` (`ListDeliveries`, `sechub list-deliveries`): the recorded requests,
 *   newest first;
 * - `POST /_sechub/integrations/webhook/<destination>`: the inbound ticket webhook, served by the
 *   stack's webhook function as its function URL serves it deployed.
 * Nothing leaves the machine. Credentials are redacted from what is kept (the last {@link KEPT}
 * requests, in one JSON file under the data dir).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LambdaFunctionURLResult } from 'aws-lambda';
import type { EdgeRequest, EdgeResponse, EdgeService } from './engine';
import type { FunctionRunner } from './engine';

/** Paths served. */
export const CAPTURE_PATH = '/_sechub/integrations/capture';
export const DELIVERIES_PATH = '/_sechub/deliveries';
export const WEBHOOK_PATH = '/_sechub/integrations/webhook/';
/** Requests kept. */
export const KEPT = 500;

/** One captured request. */
export interface Delivery {
  DeliveryId: string;
  Time: string;
  Destination: string;
  Kind: string;
  Method: string;
  /** Where it would have gone (query string included). */
  Url: string;
  Headers: Record<string, string>;
  Body?: unknown;
  /** What the capture answered. */
  StatusCode: number;
}

const REDACTED = new Set(['authorization']);
const json = (statusCode: number, body: unknown): EdgeResponse => ({ statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** What a destination answers a request (enough for the delivery core to go on). */
export function destinationAnswer(kind: string, method: string, url: string, sequence: number): { statusCode: number; body: unknown } {
  const path = new URL(url, 'http://capture').pathname;
  switch (kind) {
    case 'slack':
      return { statusCode: 200, body: 'ok' };
    case 'teams':
      return { statusCode: 202, body: '' };
    case 'pagerduty':
      return { statusCode: 202, body: { status: 'success', message: 'Event processed' } };
    case 'opsgenie':
      return { statusCode: 202, body: { result: 'Request will be processed', took: 0.01, requestId: randomUUID() } };
    case 'jira':
      if (method === 'POST' && path.endsWith('/rest/api/3/issue')) return { statusCode: 201, body: { id: String(10000 + sequence), key: `SEC-${sequence}` } };
      if (method === 'GET' && path.endsWith('/rest/api/3/search/jql')) return { statusCode: 200, body: { issues: [] } };
      if (method === 'GET' && path.endsWith('/transitions'))
        return { statusCode: 200, body: { transitions: [{ id: '31', name: 'Done', to: { name: 'Done', statusCategory: { key: 'done' } } }] } };
      return { statusCode: method === 'POST' && path.endsWith('/transitions') ? 204 : 201, body: {} };
    case 'servicenow':
      if (method === 'GET') return { statusCode: 200, body: { result: [] } };
      return method === 'POST'
        ? { statusCode: 201, body: { result: { sys_id: randomUUID().replace(/-/g, ''), number: `INC${String(sequence).padStart(7, '0')}` } } }
        : { statusCode: 200, body: { result: {} } };
    default:
      return { statusCode: 200, body: {} };
  }
}

/** Options of {@link IntegrationsCapture.open}. */
export interface CaptureOptions {
  file?: string;
  /** The stack's functions and the logical id of its webhook function, when it has one. */
  webhook?: { functions: FunctionRunner; logicalId: string };
  now?: () => Date;
}

/** The capture store and its edge service. */
export class IntegrationsCapture {
  private deliveries: Delivery[] = [];
  private sequence = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly options: CaptureOptions) {}

  /** Opens the store with what `file` kept. */
  static async open(options: CaptureOptions): Promise<IntegrationsCapture> {
    const capture = new IntegrationsCapture(options);
    if (options.file !== undefined) {
      try {
        const saved = JSON.parse(await readFile(options.file, 'utf8')) as { deliveries: Delivery[]; sequence: number };
        capture.deliveries = saved.deliveries;
        capture.sequence = saved.sequence;
      } catch {
        // Nothing captured yet.
      }
    }
    return capture;
  }

  /** Captured requests, newest first; `destination` narrows to one. */
  list(maxItems = 20, destination?: string): Delivery[] {
    return this.deliveries
      .filter((delivery) => destination === undefined || delivery.Destination === destination)
      .slice(-maxItems)
      .reverse();
  }

  /** Writes the state after the previous write (one at a time: they share the temporary file). */
  private persist(): Promise<void> {
    const file = this.options.file;
    if (file === undefined) return Promise.resolve();
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ deliveries: this.deliveries, sequence: this.sequence }));
      await rename(temporary, file);
    });
    return this.writing;
  }

  private async capture(request: EdgeRequest): Promise<EdgeResponse> {
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => !name.startsWith('x-sechub-') && !['host', 'connection', 'content-length'].includes(name))
        .map(([name, value]) => [name, REDACTED.has(name) ? '(redacted)' : value]),
    );
    const text = request.body.toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    const kind = request.headers['x-sechub-kind'] ?? 'unknown';
    this.sequence += 1;
    const answer = destinationAnswer(kind, request.method, request.headers['x-sechub-destination-url'] ?? '', this.sequence);
    this.deliveries.push({
      DeliveryId: randomUUID(),
      Time: (this.options.now ?? (() => new Date()))().toISOString(),
      Destination: request.headers['x-sechub-destination'] ?? 'unknown',
      Kind: kind,
      Method: request.method,
      Url: request.headers['x-sechub-destination-url'] ?? '',
      Headers: headers,
      ...(body !== undefined && { Body: body }),
      StatusCode: answer.statusCode,
    });
    if (this.deliveries.length > KEPT) this.deliveries.splice(0, this.deliveries.length - KEPT);
    await this.persist();
    return typeof answer.body === 'string' ? { statusCode: answer.statusCode, headers: { 'Content-Type': 'text/plain' }, body: answer.body } : json(answer.statusCode, answer.body);
  }

  private listDeliveries(request: EdgeRequest): EdgeResponse {
    let input: { MaxItems?: unknown; Destination?: unknown } = {};
    try {
      input = request.body.length > 0 ? JSON.parse(request.body.toString('utf8')) : {};
    } catch {
      return json(400, { Code: 'InvalidInputException', Message: 'Body is not JSON' });
    }
    const max = input.MaxItems ?? 20;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > KEPT)
      return json(400, { Code: 'InvalidInputException', Message: `MaxItems: must be an integer 1..${KEPT}` });
    if (input.Destination !== undefined && typeof input.Destination !== 'string') return json(400, { Code: 'InvalidInputException', Message: 'Destination: must be a string' });
    return json(200, { Deliveries: this.list(max, input.Destination as string | undefined) });
  }

  private async webhook(request: EdgeRequest): Promise<EdgeResponse> {
    if (this.options.webhook === undefined) return json(404, { message: 'No destination takes inbound webhooks (declare one with "inbound" in the integrations configuration)' });
    const { functions, logicalId } = this.options.webhook;
    const event = {
      version: '2.0',
      rawPath: `/${request.path.slice(WEBHOOK_PATH.length)}`,
      rawQueryString: request.query.toString(),
      headers: request.headers,
      body: request.body.toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: request.method, path: request.path, sourceIp: request.sourceIp }, requestId: randomUUID() },
    };
    const result = (await functions.invoke(logicalId, event)) as LambdaFunctionURLResult & { statusCode: number; headers?: Record<string, string>; body?: string };
    return { statusCode: result.statusCode, headers: { 'Content-Type': 'application/json', ...result.headers }, body: result.body ?? '' };
  }

  /** The edge service. */
  service(): EdgeService {
    return {
      name: 'integrations',
      matches: (request) => request.target === undefined && (request.path === CAPTURE_PATH || request.path === DELIVERIES_PATH || request.path.startsWith(WEBHOOK_PATH)),
      handle: async (request) => {
        if (request.path === CAPTURE_PATH) return this.capture(request);
        if (request.path === DELIVERIES_PATH) return this.listDeliveries(request);
        return this.webhook(request);
      },
    };
  }
}
