/**
 * API Gateway (REST, proxy integration, payload v1) adapter of the Security Hub–compatible API.
 * The embedded default calls this same handler with events built from plain HTTP requests.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { findingsStoreFromEnv } from '../shared/store/from-env';
import { createApi } from './api';

const logger = new Logger({ serviceName: 'sechub-api' });
const api = createApi({ findings: findingsStoreFromEnv() });

/** The caller as API Gateway's IAM authorizer reports it, or `caller` when unauthenticated. */
function callerIdentity(event: APIGatewayProxyEvent): string {
  return event.requestContext?.identity?.userArn ?? 'caller';
}

function bodyText(event: APIGatewayProxyEvent): string | null {
  if (event.body === null || event.body === undefined) return null;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event, context) => {
    const response = await api({
      method: event.httpMethod,
      path: event.path,
      body: bodyText(event),
      query: event.queryStringParameters,
      caller: { identity: callerIdentity(event) },
      requestId: event.requestContext?.requestId ?? context.awsRequestId,
    });
    if (response.cause !== undefined) {
      logger.error('Request failed', { ...response.log, error: response.cause as Error });
    } else {
      logger.info('Request served', { ...response.log });
    }
    return { statusCode: response.statusCode, headers: response.headers, body: response.body };
  });
