import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Aws, type CfnElement, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cwlogs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { NIST_PACK } from './acknowledgements';
import { logRetentionOf, logsKey } from './logs-key';
import { OPERATIONS } from '../../lambdas/api';
import type { ApiOperation } from '../../lambdas/api';

/** Where `vite build console` puts the app (`npm ci` runs it through `prepare`). */
export const CONSOLE_DIST = join(__dirname, '..', '..', 'console', 'dist');

/** An operation that only reads: its name says so (Get…, Describe…, List…, BatchGet…). */
export function isReadOperation(operation: Pick<ApiOperation, 'name'>): boolean {
  return /^(Get|Describe|List|BatchGet)[A-Z]/.test(operation.name);
}

/** The changes a responder makes from the console (the responders group's role); nothing else writes. */
export const CONSOLE_UPDATE_OPERATIONS = [
  'BatchUpdateFindings',
  'SendFindingsToActionTarget',
  'StartRemediation',
  'ApproveRemediation',
  'RejectRemediation',
  'UpdateStandardsControl',
  'CreateInsight',
  'UpdateInsight',
  'DeleteInsight',
] as const;

/** Cognito group whose members get the update role. */
export const RESPONDERS_GROUP = 'responders';

/** Props of {@link PostureConsole}. */
export interface PostureConsoleProps {
  /** The Security Hub–compatible API (IAM auth) the console calls. */
  readonly api: apigateway.RestApi;
  /** The API's function: it answers the console's origin with CORS headers. */
  readonly apiHandler: { addEnvironment(key: string, value: string): unknown };
  /** Managed sign-in domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). @default `osh-console-<account id>` */
  readonly authDomainPrefix?: string;
  /** The built app. @default console/dist */
  readonly distDir?: string;
}

/** cdk-nag's id of a wildcard execute-api resource, as it renders the method ARN. */
function routeFindingId(api: apigateway.RestApi, operation: ApiOperation): string | undefined {
  const path = operation.path.replace(/\{[^}]+\}/g, '*');
  if (!path.includes('*')) return undefined;
  const stack = Stack.of(api);
  const apiId = stack.getLogicalId(api.node.defaultChild as CfnElement);
  const stageId = stack.getLogicalId(api.deploymentStage.node.defaultChild as CfnElement);
  return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/<${stageId}>/${operation.method}${path}]`;
}

/** Acknowledges the path-label wildcards of the operations' method ARNs on the roles that hold them. */
function acknowledgeGreedyRoutes(api: apigateway.RestApi, roles: iam.Role[], operations: readonly ApiOperation[]): void {
  for (const operation of operations) {
    const id = routeFindingId(api, operation);
    if (id === undefined) continue;
    for (const role of roles) {
      Validations.of(role).acknowledge({
        id,
        reason: `${operation.name} addresses its resource by ARN in the path (${operation.path}); the * is that one path label, within this API, stage and method only.`,
      });
    }
  }
}

/** cdk-nag findings on the BucketDeployment's CDK-provided function, each with its reason. */
function acknowledgeBucketDeployment(scope: Construct, deployment: s3deploy.BucketDeployment, bucket: s3.Bucket): void {
  const stack = Stack.of(scope);
  const provider = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  const reasons: Array<[string, string]> = [
    ['AwsSolutions-L1', 'The BucketDeployment provider function and its runtime are CDK’s own; it runs only during deployments.'],
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK’s BucketDeployment provider writes its logs with the basic execution role.',
    ],
    ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action): [string, string] => [
      `AwsSolutions-IAM5[Action::${action}]`,
      `CDK’s BucketDeployment grants ${action} on the CDK assets bucket (read) and the console bucket (write, prune): the two buckets it copies between.`,
    ]),
    [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, 'The deployment replaces every object of the console bucket.'],
    [
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      'The build is read from the CDK bootstrap assets bucket, whose object keys are content hashes.',
    ],
    [
      'AwsSolutions-IAM5[Resource::*]',
      'CDK’s BucketDeployment invalidates the CloudFront distribution’s cache (cloudfront:CreateInvalidation/GetInvalidation take no resource-level scope in its policy).',
    ],
    [`${NIST_PACK}-LambdaInsideVPC`, 'CDK’s BucketDeployment provider copies between two S3 buckets during deployments only; it reaches no private network.'],
    [`${NIST_PACK}-LambdaConcurrency`, 'CDK’s BucketDeployment provider runs once per deployment of the console, called by CloudFormation: nothing can drive it to scale.'],
    [
      `${NIST_PACK}-LambdaDLQ`,
      'CDK’s BucketDeployment provider is invoked synchronously by CloudFormation, which reports its failure on the stack event and rolls the deployment back: there is no asynchronous event to dead-letter.',
    ],
  ];
  for (const target of [deployment, ...(provider ? [provider] : [])]) {
    for (const [id, reason] of reasons) Validations.of(target).acknowledge({ id, reason });
  }
}

function methodArns(api: apigateway.RestApi, operations: readonly ApiOperation[]): string[] {
  // `{Label+}` path labels match any rest of the path; `{Label}` one segment.
  return operations.map((operation) =>
    api.arnForExecuteApi(operation.method, operation.path.replace(/\{[^}]+\+\}/g, '*').replace(/\{[^}]+\}/g, '*'), api.deploymentStage.stageName),
  );
}

/**
 * The posture console deployed: the same build the embedded default serves, in a private S3 bucket
 * behind CloudFront (origin access control, TLS 1.2+, a security headers policy), with Amazon
 * Cognito sign-in. The identity pool's authenticated role may only call the API's read operations
 * (`execute-api:Invoke` on their method ARNs); members of the `responders` group get a second role
 * that may also make the console's changes. `config.json` beside the app tells it the API URL and
 * the Cognito ids; the API's CORS preflights admit the distribution's origin.
 */
export class PostureConsole extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly userPool: cognito.UserPool;
  public readonly identityPool: cognito.CfnIdentityPool;
  /** Read-only: every authenticated user. */
  public readonly readRole: iam.Role;
  /** Reads and the console's changes: the `responders` group. */
  public readonly responderRole: iam.Role;
  /** `https://<distribution domain>`. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: PostureConsoleProps) {
    super(scope, id);
    const distDir = props.distDir ?? CONSOLE_DIST;

    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER, // CloudFront standard logs write with ACLs
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the console bucket and distribution; logging it to itself would loop.' });

    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN, // no auto-delete: its custom resource would need a second principal in the bucket policy
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Open Security Hub console: security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            // The API, Cognito's token endpoint and the identity pool.
            `connect-src 'self' https://*.execute-api.${Aws.REGION}.amazonaws.com https://cognito-idp.${Aws.REGION}.amazonaws.com https://cognito-identity.${Aws.REGION}.amazonaws.com https://*.auth.${Aws.REGION}.amazoncognito.com`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Open Security Hub posture console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'The console is for the organization’s security team wherever they work; sign-in (Cognito) and IAM on the API restrict who sees data, not geography.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'The distribution serves static files only; every data request goes to the API, which has its own WAF web ACL.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the CloudFront default certificate (no custom domain), whose security policy CloudFront fixes; a minimum protocol version (TLSv1.2_2021) takes effect only with a custom certificate, which a deployment with its own domain adds.',
    });

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false, // administrators invite the security team
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan is billed per monthly active user; the console needs only sign-in with MFA (Essentials). Choose Plus in the pool when the organization wants threat protection.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason:
        'Threat protection (advanced security) needs the Plus feature plan, billed per user; MFA is required for every user instead. Turn it on in the pool when the organization wants it.',
    });
    const domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.authDomainPrefix ?? Fn.join('-', ['osh-console', Aws.ACCOUNT_ID]) } });
    const client = this.userPool.addClient('Console', {
      generateSecret: false, // a browser app (PKCE)
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.identityPool = new cognito.CfnIdentityPool(this, 'Identities', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: this.userPool.userPoolProviderName, serverSideTokenCheck: true }],
    });
    const federated = (): iam.IPrincipal =>
      new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
      );
    const reads = OPERATIONS.filter(isReadOperation);
    const updates = OPERATIONS.filter((operation) => (CONSOLE_UPDATE_OPERATIONS as readonly string[]).includes(operation.name));
    this.readRole = new iam.Role(this, 'ReadRole', {
      assumedBy: federated(),
      description: 'Open Security Hub console: read operations of the API',
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: { Api: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: methodArns(props.api, reads) })] }) },
    });
    this.responderRole = new iam.Role(this, 'ResponderRole', {
      assumedBy: federated(),
      description: 'Open Security Hub console: read operations and the changes a responder makes (workflow, custom actions, remediation, controls, insights)',
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        Api: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: methodArns(props.api, [...reads, ...updates]) })] }),
      },
    });
    acknowledgeGreedyRoutes(props.api, [this.readRole], reads);
    acknowledgeGreedyRoutes(props.api, [this.responderRole], [...reads, ...updates]);
    new cognito.CfnUserPoolGroup(this, 'Responders', {
      userPoolId: this.userPool.userPoolId,
      groupName: RESPONDERS_GROUP,
      description: 'Security responders: may change findings, run remediations and manage controls from the console',
      roleArn: this.responderRole.roleArn,
      precedence: 0,
    });
    new cognito.CfnIdentityPoolRoleAttachment(this, 'Roles', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.readRole.roleArn },
      roleMappings: {
        userPool: {
          type: 'Token', // the ID token's cognito:preferred_role (the responders group's role) when it has one
          ambiguousRoleResolution: 'AuthenticatedRole',
          identityProvider: Fn.join(':', [this.userPool.userPoolProviderName, client.userPoolClientId]),
        },
      },
    });

    // The browser calls the API from the distribution's origin: CORS on preflights, errors and answers.
    const cors: apigateway.CorsOptions = {
      allowOrigins: [this.url],
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowHeaders: ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256', 'X-Amz-User-Agent', 'amz-sdk-invocation-id', 'amz-sdk-request'],
      exposeHeaders: ['x-amzn-RequestId', 'x-amzn-ErrorType'],
      maxAge: Duration.hours(1),
    };
    props.api.root.addCorsPreflight(cors);
    props.api.root.getResource('{proxy+}')?.addCorsPreflight(cors);
    for (const [name, type] of [
      ['Cors4xx', apigateway.ResponseType.DEFAULT_4XX],
      ['Cors5xx', apigateway.ResponseType.DEFAULT_5XX],
    ] as const) {
      props.api.addGatewayResponse(name, { type, responseHeaders: { 'Access-Control-Allow-Origin': `'${this.url}'`, Vary: "'Origin'" } });
    }
    // The answers may be read from any origin: requests carry explicit SigV4 credentials, never
    // ambient ones (cookies), so this exposes nothing a caller could not read with those
    // credentials anyway; the preflight above still admits only the console's origin. (A literal,
    // also because the embedded default runs this function and cannot resolve CloudFront's domain.)
    props.apiHandler.addEnvironment('CORS_ALLOWED_ORIGIN', '*');
    Validations.of(props.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Only the CORS preflight (OPTIONS) methods are unauthenticated: browsers send preflights without credentials by specification, and they answer from a mock integration.',
    });
    Validations.of(props.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'The API authorizes with IAM (SigV4): the console signs with identity-pool credentials of the signed-in Cognito user, so no user pool authorizer is needed; the OPTIONS preflights carry no credentials.',
    });

    if (!existsSync(join(distDir, 'index.html'))) {
      Annotations.of(this).addWarningV2(
        'open-security-hub:console-not-built',
        `${distDir} is missing: run \`npm run build:console\` (npm ci does) before deploying; the console bucket stays empty.`,
      );
    } else {
      const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
        destinationBucket: this.bucket,
        distribution: this.distribution,
        sources: [
          s3deploy.Source.asset(distDir, { exclude: ['config.json'] }),
          s3deploy.Source.jsonData('config.json', {
            mode: 'deployed',
            region: Stack.of(this).region,
            apiUrl: props.api.url,
            userPoolId: this.userPool.userPoolId,
            userPoolClientId: client.userPoolClientId,
            identityPoolId: this.identityPool.ref,
            authDomain: domain.baseUrl(),
          }),
        ],
        memoryLimit: 256,
        // Its own log group, encrypted with the stack's logs key like every other (NIST: CloudWatchLogGroupEncrypted).
        logGroup: new cwlogs.LogGroup(this, 'DeployLogs', {
          encryptionKey: logsKey(this),
          retention: logRetentionOf(this, cwlogs.RetentionDays.ONE_YEAR),
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      });
      acknowledgeBucketDeployment(this, deployment, this.bucket);
    }

    new CfnOutput(this, 'ConsoleUrl', { value: `${this.url}/`, description: 'The posture console (sign in with a Cognito user; add responders to the responders group)' });
    new CfnOutput(this, 'ConsoleUserPoolId', { value: this.userPool.userPoolId });
  }
}
