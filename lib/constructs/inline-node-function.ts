import * as path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { DEFAULT_SERVICE_NAME } from '../../lambdas/shared/logger';
import { acknowledgeFunctionNist } from './acknowledgements';
import { ENTRY_METADATA_KEY, NODE_RUNTIME } from './node-function';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Bundles cached per entry: a synth bundles each inline entry once. */
const bundles = new Map<string, string>();

/**
 * The handler file bundled into one CommonJS script for `Code.ZipFile`: minified, no source map,
 * the AWS SDK v3 left to the Lambda runtime's own copy (every Node.js runtime since 18 ships it) so
 * the script stays small enough to sit inside a CloudFormation template.
 */
export function inlineBundle(entry: string): string {
  const cached = bundles.get(entry);
  if (cached !== undefined) return cached;
  const result = buildSync({
    entryPoints: [path.resolve(PROJECT_ROOT, entry)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: NODE_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
    minify: true,
    legalComments: 'none',
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'warning',
  });
  const source = result.outputFiles[0]!.text;
  bundles.set(entry, source);
  return source;
}

/** Props of {@link InlineNodeFunction}. */
export interface InlineNodeFunctionProps extends Omit<lambda.FunctionProps, 'code' | 'handler' | 'runtime' | 'architecture' | 'tracing' | 'logGroup' | 'role'> {
  /** Handler file, relative to the repository root (export `handler`). */
  readonly entry: string;
  /** `POWERTOOLS_SERVICE_NAME`. */
  readonly serviceName?: string;
  /** Encrypts the function's log group (its key policy must let CloudWatch Logs use it). */
  readonly logKey: kms.IKey;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A function whose code travels INSIDE the template (`Code.ZipFile`): for the member stacks, which
 * a service-managed StackSet deploys to accounts and Regions that have no CDK bootstrap bucket.
 * Otherwise as {@link NodeFunction}: Node.js on arm64, X-Ray, its own KMS-encrypted log group with
 * retention, its own role writing only to that log group.
 */
export class InlineNodeFunction extends lambda.Function {
  constructor(scope: Construct, id: string, props: InlineNodeFunctionProps) {
    const { entry, serviceName, logKey, logRetention, environment, ...rest } = props;
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, { retention: logRetention ?? logs.RetentionDays.THREE_MONTHS, encryptionKey: logKey });
    const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `Execution role of ${id}` });
    logGroup.grantWrite(role);
    super(scope, id, {
      memorySize: 512,
      timeout: Duration.seconds(30),
      ...rest,
      code: lambda.Code.fromInline(inlineBundle(entry)),
      handler: 'index.handler',
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      environment: { POWERTOOLS_SERVICE_NAME: serviceName ?? DEFAULT_SERVICE_NAME, SECHUB_ACCOUNT_ID: Stack.of(scope).account, ...environment },
    });
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA_KEY, entry);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so their Resource must be "*".',
    });
    acknowledgeFunctionNist(this, props.onFailure !== undefined);
  }
}
