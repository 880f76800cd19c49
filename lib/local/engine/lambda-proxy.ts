/**
 * Runs a Lambda handler behind the edge the way API Gateway's REST proxy integration does:
 * the HTTP request becomes a payload-v1 `APIGatewayProxyEvent`, the result becomes the response.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { EdgeRequest, EdgeResponse, EdgeService } from './edge';

/** Stage name of the local "API Gateway". */
export const LOCAL_STAGE = 'local';

/** Who an access key id stands for, when it names a caller other than a user of the API's own account. */
export type CallerOf = (accessKeyId: string) => string | undefined;

/**
 * The caller as API Gateway's IAM authorization would name it: locally, the access key id of the
 * SigV4 `Authorization` header stands for a user of the local account, unless `callerOf` maps it
 * to another caller. Only the signature counts: no other header is read.
 */
export function callerArn(headers: Record<string, string>, account: string, callerOf?: CallerOf): string | null {
  const credential = /Credential=([^/,\s]+)\//.exec(headers.authorization ?? '');
  return credential ? (callerOf?.(credential[1]) ?? `arn:aws:iam::${account}:user/${credential[1]}`) : null;
}

/** Who and where the local "API Gateway" is. */
export interface ProxyApi {
  /** The API's id (`requestContext.apiId`). */
  apiId: string;
  /** The account it runs in (`requestContext.accountId`, and callers' ARNs). */
  account: string;
  /** Callers from other accounts (see {@link callerArn}). */
  callerOf?: CallerOf;
}

function isUtf8Text(body: Buffer): boolean {
  return Buffer.from(body.toString('utf8'), 'utf8').equals(body);
}

/** Builds the payload-v1 event API Gateway would send for this request. */
export function toProxyEvent(request: EdgeRequest, api: ProxyApi, requestId: string = randomUUID()): APIGatewayProxyEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of request.rawHeaders) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiValueQuery: Record<string, string[]> = {};
  for (const [name, value] of request.query) {
    query[name] = value;
    (multiValueQuery[name] ??= []).push(value);
  }
  const hasQuery = Object.keys(query).length > 0;
  const text = request.body.length === 0 ? null : isUtf8Text(request.body);
  const now = Date.now();
  return {
    resource: '/{proxy+}',
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters: { proxy: request.path.replace(/^\//, '') },
    stageVariables: null,
    body: text === null ? null : request.body.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: text === false,
    requestContext: {
      accountId: api.account,
      apiId: api.apiId,
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      path: `/${LOCAL_STAGE}${request.path}`,
      stage: LOCAL_STAGE,
      requestId,
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: '/{proxy+}',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: callerArn(request.headers, api.account, api.callerOf),
      },
    },
  };
}

function toEdgeResponse(result: APIGatewayProxyResult): EdgeResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values.map(String).join(', ');
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  return { statusCode: result.statusCode, headers, body };
}

/** Options of {@link lambdaProxyService}. */
export interface LambdaProxyServiceOptions {
  name: string;
  /** The account of the local "API Gateway". */
  account: string;
  /** Callers from other accounts (see {@link callerArn}). */
  callerOf?: CallerOf;
  matches(request: EdgeRequest): boolean;
  /** Invokes the integration's function (in its isolate) with the proxy event. */
  invoke(event: APIGatewayProxyEvent, requestId: string): Promise<unknown>;
}

/** An edge service that invokes a Lambda function as API Gateway's proxy integration does. */
export function lambdaProxyService(options: LambdaProxyServiceOptions): EdgeService {
  return {
    name: options.name,
    matches: options.matches,
    async handle(request) {
      const requestId = randomUUID();
      const result = await options.invoke(toProxyEvent(request, { apiId: options.name, account: options.account, callerOf: options.callerOf }, requestId), requestId);
      return toEdgeResponse(result as APIGatewayProxyResult);
    },
  };
}
