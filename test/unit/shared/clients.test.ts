import * as asyncHooks from 'node:async_hooks';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { awsClient, tracingEnabled } from '../../../lambdas/shared/clients';

const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';
const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

describe('tracingEnabled', () => {
  it('is on in Lambda only, and off when POWERTOOLS_TRACE_ENABLED is false', () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' })).toBe(true);
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'FALSE' })).toBe(false);
  });
});

describe('awsClient', () => {
  it('returns one client per client class while the environment stays the same', () => {
    delete process.env.AWS_EXECUTION_ENV;
    const dynamo = awsClient(DynamoDBClient);
    expect(dynamo).toBeInstanceOf(DynamoDBClient);
    expect(awsClient(DynamoDBClient)).toBe(dynamo);
    const sns = awsClient(SNSClient);
    expect(sns).toBeInstanceOf(SNSClient);
    expect(awsClient(SNSClient)).toBe(sns);
  });

  it('gives a changed AWS_* environment a client of its own', () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:1';
    const first = awsClient(DynamoDBClient);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:2';
    const second = awsClient(DynamoDBClient);
    expect(second).not.toBe(first);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:1';
    expect(awsClient(DynamoDBClient)).toBe(first);
  });

  it('outside Lambda neither traces nor loads the tracer (no async hook is started)', () => {
    delete process.env.AWS_EXECUTION_ENV;
    const createHook = jest.spyOn(asyncHooks, 'createHook');
    process.env.AWS_REGION = 'eu-west-3'; // a fresh environment: a new client is made here
    const client = awsClient(DynamoDBClient);
    expect(client.middlewareStack.identify().some((entry) => entry.includes(XRAY_MIDDLEWARE))).toBe(false);
    expect(createHook).not.toHaveBeenCalled();
    createHook.mockRestore();
  });

  // Last: loading the tracer starts the X-Ray SDK's async hook in this worker.
  it('in Lambda wraps the client with Powertools Tracer (captureAWSv3Client)', () => {
    Object.assign(process.env, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_REGION: 'eu-west-1', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR' });
    const client = awsClient(SNSClient);
    expect(client.middlewareStack.identify().some((entry) => entry.includes(XRAY_MIDDLEWARE))).toBe(true);
  });
});

describe('one module of clients, one logger factory', () => {
  const lambdas = path.resolve(__dirname, '..', '..', '..', 'lambdas');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
    });
  const offending = (pattern: RegExp) =>
    files(lambdas)
      .filter((file) => !file.endsWith(path.join('shared', 'clients.ts')) && !file.endsWith(path.join('shared', 'logger.ts')))
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(lambdas, file));

  it('no Lambda code makes an AWS SDK client of its own (awsClient does)', () => {
    expect(offending(/new [A-Za-z0-9]+Client\(/)).toEqual([]);
  });

  it('no Lambda code names its own logger service (createLogger does)', () => {
    expect(offending(/new Logger\(/)).toEqual([]);
  });
});
