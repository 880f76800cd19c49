import * as path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ENTRY_METADATA_KEY } from '../template-contract';
import { DEFAULT_SERVICE_NAME } from '../../lambdas/shared/logger';
import { acknowledgeFunctionNist } from './acknowledgements';
import { logRetentionOf, logsKey } from './logs-key';

/** The repository root: entries, the lock file and esbuild's working directory are resolved from it. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The one Node.js runtime every function runs on. The newest Lambda Node.js runtime CDK knows:
 * cdk-nag AwsSolutions-L1 flags anything older, and it is supported longest.
 * Node 24 drops callback-style handlers; ours are async (middy), so nothing depends on them.
 */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Template metadata key on every function: its handler file (lib/template-contract.ts). */
export { ENTRY_METADATA_KEY } from '../template-contract';

/** Props of {@link NodeFunction}: a Lambda function entry plus the few settings that vary. */
export interface NodeFunctionProps
  extends Omit<NodejsFunctionProps, 'entry' | 'handler' | 'projectRoot' | 'depsLockFilePath' | 'runtime' | 'architecture' | 'tracing' | 'logGroup' | 'logRetention' | 'role'> {
  /** Handler file, relative to the repository root, e.g. `lambdas/functions/api/handler.ts` (export `handler`). */
  readonly entry: string;
  /** `POWERTOOLS_SERVICE_NAME` of the function's logs and traces. @default 'open-security-hub' */
  readonly serviceName?: string;
  /** How long the function's log group keeps events. @default the configuration's `logRetentionDays`, else RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The project's Lambda function: Node.js on arm64, X-Ray active, its own KMS-encrypted log group with retention,
 * a role that may write only to that log group (no AWS managed policy), and one esbuild setup.
 * `fn.logGroup` is that log group (not the implicit `/aws/lambda/<name>`).
 * Grant it what it needs with the resource's grants (`table.grantReadWriteData(fn)`).
 *
 * ```ts
 * new NodeFunction(this, 'NormalizeGuardDuty', { entry: 'lambdas/functions/normalize-guardduty/handler.ts' });
 * ```
 */
export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const { entry, serviceName, logRetention, environment, bundling, ...rest } = props;

    // Created beside the function (not inside it) because `super` must come first.
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logRetention ?? logRetentionOf(scope, logs.RetentionDays.THREE_MONTHS),
      encryptionKey: logsKey(scope),
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      memorySize: 512,
      timeout: Duration.seconds(30),
      ...rest,
      entry: path.resolve(PROJECT_ROOT, entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceName ?? DEFAULT_SERVICE_NAME,
        // The hub's account, named in the ARNs it makes (rules-as-code); the Region is Lambda's AWS_REGION.
        SECHUB_ACCOUNT_ID: Stack.of(scope).account,
        ...environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: NODE_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'), // e.g. node24
        minify: true,
        sourceMap: true,
        sourcesContent: false, // stack traces need lines, not the sources; keeps the zip small
        // Bundle the AWS SDK v3 instead of using the runtime's copy: the deployed code runs the
        // exact SDK version the tests ran (package-lock.json), not whatever the runtime ships today.
        externalModules: [],
        // Warnings and errors only: esbuild's per-bundle size summary (with ⚠️ over 1 MB, expected with
        // the SDK bundled) is noise at every synth.
        logLevel: LogLevel.WARNING,
        ...bundling,
      },
    });

    // Tells the embedded default which handler file a function of the synthesized template runs.
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA_KEY, entry);

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so their Resource must be "*".',
    });
    acknowledgeFunctionNist(this, props.onFailure !== undefined);
  }
}
