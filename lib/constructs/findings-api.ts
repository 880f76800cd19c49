import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { apiResourcePolicy } from './api-resource-policy';
import { logsKey } from './logs-key';
import { NodeFunction } from './node-function';

/** Props of {@link FindingsApi}. */
export interface FindingsApiProps {
  /** The findings table the handler reads and writes. */
  readonly table: dynamodb.ITable;
  /** Stage-wide steady request rate (requests per second). @default 100 */
  readonly throttlingRateLimit?: number;
  /** Stage-wide burst (requests). @default 200 */
  readonly throttlingBurstLimit?: number;
  /** WAF rate-based rule: requests per source IP per 5 minutes before it blocks. @default 6000 */
  readonly requestsPerIpPer5Minutes?: number;
  /**
   * The AWS Organizations id (`o-…`): its accounts' principals may invoke the operations a member
   * account may use (the resource policy's `aws:PrincipalOrgID` statement). @default only the
   * administrator account's principals
   */
  readonly organizationId?: string;
}

/** Rules of AWS's common rule set that inspect the request body: counted, not blocked (see the web ACL). */
const BODY_RULES_COUNT_ONLY = ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY'];

/**
 * The Security Hub–compatible API: a Regional REST API that proxies every path to the API handler,
 * AWS_IAM-authorized (SigV4 for the `execute-api` service: `sechub --endpoint-url <ApiUrl>` signs so;
 * `@aws-sdk/client-securityhub` works when configured to sign for `execute-api`). Access and error logs, X-Ray, stage
 * throttling, TLS 1.2+ and a WAF web ACL (AWS common rules + a per-IP rate limit).
 */
export class FindingsApi extends Construct {
  public readonly api: apigateway.RestApi;
  public readonly handler: NodeFunction;
  /** Base URL of the deployed stage; use it as the Security Hub client's endpoint. */
  public readonly url: string;
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: FindingsApiProps) {
    super(scope, id);

    this.handler = new NodeFunction(this, 'Handler', {
      entry: 'lambdas/functions/api/handler.ts',
      serviceName: 'sechub-api',
      timeout: Duration.seconds(25), // under API Gateway's 29 s integration limit, so the caller sees our error
      environment: { FINDINGS_TABLE: props.table.tableName },
    });
    props.table.grantReadWriteData(this.handler);
    acknowledgeTableDataGrant(this.handler.role!, props.table);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logsKey(this) });

    this.api = new apigateway.RestApi(this, 'RestApi', {
      restApiName: `${Stack.of(this).stackName}-findings-api`,
      description: 'Open Security Hub: Security Hub–compatible API (restJson1)',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logs need the account's API Gateway CloudWatch role (an account-wide setting).
      cloudWatchRole: true,
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      // The administrator's principals may call everything; the organization's, only the member operations.
      policy: apiResourcePolicy(props.organizationId),
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false, // would log request bodies, i.e. whole findings
        throttlingRateLimit: props.throttlingRateLimit ?? 100,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigateway.AccessLogField.contextRequestId(),
            requestTime: apigateway.AccessLogField.contextRequestTime(),
            httpMethod: apigateway.AccessLogField.contextHttpMethod(),
            resourcePath: apigateway.AccessLogField.contextResourcePath(),
            status: apigateway.AccessLogField.contextStatus(),
            responseLength: apigateway.AccessLogField.contextResponseLength(),
            callerAccountId: apigateway.AccessLogField.contextIdentityAccountId(),
            callerArn: apigateway.AccessLogField.contextIdentityUserArn(),
            sourceIp: apigateway.AccessLogField.contextIdentitySourceIp(),
            errorMessage: apigateway.AccessLogField.contextErrorMessage(),
            integrationLatency: apigateway.AccessLogField.contextIntegrationLatency(),
            xrayTraceId: apigateway.AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });
    this.url = this.api.url;
    // The stack publishes the URL under a stable name; drop RestApi's generated `Endpoint` output.
    this.api.node.tryRemoveChild('Endpoint');
    // The execute-api endpoint is HTTPS only; refuse TLS 1.0/1.1 too (default is TLS_1_0).
    (this.api.node.defaultChild as apigateway.CfnRestApi).securityPolicy = 'TLS_1_2';

    // One catch-all method: the handler's operations registry (lambdas/api/operations.ts) routes by
    // method and path and validates bodies with Security Hub's own error messages, so adding an
    // operation is one registry entry there, with nothing to mirror here. IAM authorization still
    // applies per operation: execute-api ARNs name the real method and path (.../POST/findings/import).
    this.api.root.addProxy({
      defaultIntegration: new apigateway.LambdaIntegration(this.handler, { allowTestInvoke: false }),
      anyMethod: true,
    });

    this.webAcl = this.createWebAcl(props.requestsPerIpPer5Minutes ?? 6000);
    const association = new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    association.node.addDependency(this.api.deploymentStage); // the ARN is formatted, not a reference

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Callers are AWS principals (integrations, automation, the sechub CLI) signing with SigV4, as Security Hub itself requires; every method uses AWS_IAM authorization, not Cognito user pools.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        "The handler validates every request against its operations registry and answers with Security Hub's own InvalidInputException messages; gateway body models would duplicate that registry and replace those messages with API Gateway's.",
    });
    Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-level logging role uses the AWS-managed policy AWS documents for it; API Gateway creates its execution-log groups itself, so the role cannot be scoped to log groups known at deploy time.",
    });
  }

  private createWebAcl(requestsPerIpPer5Minutes: number): wafv2.CfnWebACL {
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    return new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('FindingsApi'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { aggregateKeyType: 'IP', limit: requestsPerIpPer5Minutes, evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Findings legitimately describe attacks (XSS, path traversal, SSRF payloads) and a
              // BatchImportFindings body is up to 100 findings, far over the 8 KB size rule:
              // count these instead of blocking the product's own traffic.
              ruleActionOverrides: BODY_RULES_COUNT_ONLY.map((name) => ({ name, actionToUse: { count: {} } })),
            },
          },
          visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
      ],
    });
  }
}
