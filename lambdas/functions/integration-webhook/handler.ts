import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { handleInbound, type DeliveryDeps } from '../../integrations';
import { deliveryDepsFromEnv } from '../../wiring/integrations';
import { createLogger } from '../../shared/logger';

/** Longest body accepted (Jira issue payloads with many fields stay well under it). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Inbound ticket webhooks (a Lambda function URL; on the embedded default, the edge's
 * `/_sechub/integrations/webhook/<destination>`): `POST /<destination>` from Jira (HMAC signature)
 * or ServiceNow (shared token). A verified close of one of our tickets resolves its finding;
 * anything unauthenticated is refused with 401 before the body is read as JSON.
 */
export function createWebhookHandler(createDeps: () => DeliveryDeps = () => deliveryDepsFromEnv(process.env)) {
  const logger = createLogger();
  let deps: DeliveryDeps | undefined;
  return middy<LambdaFunctionURLEvent, LambdaFunctionURLResult>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      deps ??= createDeps();
      const answer = (statusCode: number, message: string): LambdaFunctionURLResult => ({
        statusCode,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
      });
      if (event.requestContext?.http?.method !== 'POST') return answer(405, 'POST only');
      const destination =
        decodeURIComponent(event.rawPath ?? '')
          .split('/')
          .filter(Boolean)
          .at(-1) ?? '';
      const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      if (body.length > MAX_BODY_BYTES) return answer(413, 'Body too large');
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      const result = await handleInbound({ destination, headers, body }, deps);
      if (result.statusCode === 401) logger.warn('Inbound webhook refused', { destination, sourceIp: event.requestContext?.http?.sourceIp, reason: result.message });
      else logger.info('Inbound webhook', { destination, ...result });
      return answer(result.statusCode, result.message);
    });
}

export const handler = createWebhookHandler();
