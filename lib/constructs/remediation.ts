import * as path from 'node:path';
import { Arn, ArnFormat, type CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { MEMBER_REMEDIATION_ROLE_NAME } from '../../lambdas/remediation';
import { PLAYBOOKS, playbookDefinitionFile, regionalPlaybookName, REMEDIATION_PLAYBOOK_REGIONS_ENV } from '../../lambdas/remediation';
import { acknowledgeTableDataGrant } from './acknowledgements';
import { DEFINITION_METADATA_KEY } from '../template-contract';
import { NodeFunction } from './node-function';

/** IAM path of every playbook's execution role: the member role's trust policy names it (lib/member-remediation-stack.ts). */
export const PLAYBOOK_ROLE_PATH = '/open-security-hub/remediation/';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Props of {@link Remediation}. */
export interface RemediationProps {
  /** The findings table: findings re-read and updated, remediation records, settings and rate counters. */
  readonly table: dynamodb.ITable;
  /** The app's bus: Remediation Completed / Failed / Awaiting Approval events. */
  readonly bus: events.IEventBus;
  /** AWS Organizations id (`o-…`): when set, playbooks may assume member roles only in this organization. */
  readonly organizationId?: string;
  /**
   * In a regional playbook stack (lib/regional-playbooks-stack.ts): the home Region, whose table and
   * bus `table` and `bus` are. The state machines get their known names (`regionalPlaybookName`), the
   * functions `HOME_REGION`, and the approval reminders stay with the home Region's deployment.
   */
  readonly homeRegion?: string;
  /** In the home Region's deployment: the linked Regions running a regional playbook stack (started there, granted here). */
  readonly playbookRegions?: readonly string[];
}

/**
 * Remediation playbooks: the shared Check, Record and Approval functions, and per registry entry
 * (`lambdas/remediation/playbooks.ts`) a Standard state machine from its ASL file — logging ALL to
 * its own KMS-encrypted log group, X-Ray, and a role that may invoke only the shared functions and
 * assume only the member accounts' `OpenSecurityHubRemediation` role. Adding a playbook is a
 * registry entry and its ASL file; nothing here changes.
 */
export class Remediation extends Construct {
  public readonly checkFunction: NodeFunction;
  public readonly recordFunction: NodeFunction;
  public readonly approvalFunction: NodeFunction;
  /** The playbooks' state machines by playbook id. */
  public readonly stateMachines: Readonly<Record<string, sfn.StateMachine>>;
  /** Key of the state machines' log groups. */
  public readonly logKey: kms.Key;
  /** The linked Regions whose playbook stacks this deployment starts (none in a regional stack). */
  public readonly playbookRegions: readonly string[];

  constructor(scope: Construct, id: string, props: RemediationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const environment: Record<string, string> = { FINDINGS_TABLE: props.table.tableName, EVENT_BUS_NAME: props.bus.eventBusName };
    if (props.homeRegion !== undefined) environment.HOME_REGION = props.homeRegion; // lambdas/wiring/remediation.ts
    this.playbookRegions = props.homeRegion === undefined ? [...(props.playbookRegions ?? [])] : [];

    this.checkFunction = this.sharedFunction(
      'RemediationCheck',
      'lambdas/functions/remediation-check/handler.ts',
      'remediation-check',
      'check a finding still applies and derive the target',
      environment,
    );
    this.recordFunction = this.sharedFunction(
      'RemediationRecord',
      'lambdas/functions/remediation-record/handler.ts',
      'remediation-record',
      'record the outcome on the finding and the remediation record',
      environment,
    );
    this.approvalFunction = this.sharedFunction(
      'RemediationApproval',
      'lambdas/functions/remediation-approval/handler.ts',
      'remediation-approval',
      'store a pending approval (task token), announce it, and send the reminders due',
      environment,
    );
    // Reminders before an approval times out (remediation settings approval.reminderSecondsBeforeTimeout): a missed sweep is made up by the next.
    // The home Region's sweep covers every Region's waits (they are all in the home Region's table).
    if (props.homeRegion === undefined) {
      new events.Rule(this, 'ApprovalRemindersSchedule', {
        description: 'Open Security Hub: send the approval reminders that are due',
        schedule: events.Schedule.rate(Duration.minutes(5)),
        targets: [new targets.LambdaFunction(this.approvalFunction, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
      });
    }
    for (const fn of [this.checkFunction, this.recordFunction, this.approvalFunction]) {
      props.table.grantReadWriteData(fn);
      acknowledgeTableDataGrant(fn.role!, props.table);
      props.bus.grantPutEventsTo(fn);
    }

    this.logKey = new kms.Key(this, 'PlaybookLogsKey', { enableKeyRotation: true, description: 'Open Security Hub: remediation playbook execution logs' });
    this.logKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));

    const memberRoles = Arn.format(
      { service: 'iam', region: '', account: '*', resource: 'role', resourceName: MEMBER_REMEDIATION_ROLE_NAME, arnFormat: ArnFormat.SLASH_RESOURCE_NAME },
      stack,
    );
    const sharedFunctions = [this.checkFunction, this.recordFunction, this.approvalFunction];
    const stateMachines: Record<string, sfn.StateMachine> = {};
    for (const playbook of PLAYBOOKS) {
      const name = pascal(playbook.id);
      const definitionFile = playbookDefinitionFile(playbook.id);
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        // Under /aws/vendedlogs/ the log delivery needs no resource policy on the group.
        logGroupName: `/aws/vendedlogs/states/${stack.stackName}-Remediation-${playbook.id}`,
        retention: logs.RetentionDays.ONE_YEAR, // remediations are audit evidence
        encryptionKey: this.logKey,
      });
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
        path: PLAYBOOK_ROLE_PATH,
        description: `Execution role of the ${playbook.id} remediation playbook: the shared tasks, and the member accounts' remediation role`,
      });
      // The exact (unqualified) ARNs the tasks name, not `grantInvoke`'s `<arn>:*` versions too.
      role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: sharedFunctions.map((fn) => fn.functionArn) }));
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole'],
          resources: [memberRoles],
          ...(props.organizationId ? { conditions: { StringEquals: { 'aws:ResourceOrgID': props.organizationId } } } : {}),
        }),
      );
      const stateMachine = new sfn.StateMachine(this, name, {
        // Known in a regional stack, so the home Region's dispatcher addresses it without a lookup.
        ...(props.homeRegion !== undefined && { stateMachineName: regionalPlaybookName(playbook.id) }),
        stateMachineType: sfn.StateMachineType.STANDARD,
        comment: `Open Security Hub remediation playbook ${playbook.id}: ${playbook.title}`,
        definitionBody: sfn.DefinitionBody.fromFile(path.join(PROJECT_ROOT, definitionFile)),
        definitionSubstitutions: {
          CheckFunctionArn: this.checkFunction.functionArn,
          RecordFunctionArn: this.recordFunction.functionArn,
          ApprovalFunctionArn: this.approvalFunction.functionArn,
        },
        role,
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      // The embedded default runs the same file (lib/local/engine/state-machines.ts reads this metadata).
      (stateMachine.node.defaultChild as CfnResource).addMetadata(DEFINITION_METADATA_KEY, definitionFile);
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Step Functions logging (logs:CreateLogDelivery and the other log-delivery actions) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSampling*) support no resource-level permissions, so their Resource must be "*".',
      });
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${MEMBER_REMEDIATION_ROLE_NAME}]`,
        reason:
          "The playbook acts in the finding's member account through that account's OpenSecurityHubRemediation role (Credentials.RoleArn derived by Check); the account is the only wildcard, limited to the organization when organizationId is set, and each member role trusts only this account's playbook roles.",
      });
      stateMachines[playbook.id] = stateMachine;
    }
    this.stateMachines = stateMachines;
  }

  /**
   * JSON `{playbookId: state machine ARN}` for whatever starts playbooks (the dispatcher's
   * `REMEDIATION_STATE_MACHINES`, lambdas/remediation/contract.ts).
   */
  public stateMachineArnsJson(): string {
    return Stack.of(this).toJsonString(Object.fromEntries(Object.entries(this.stateMachines).map(([id, machine]) => [id, machine.stateMachineArn])));
  }

  /** `REMEDIATION_PLAYBOOK_REGIONS` for whatever starts playbooks (empty: no linked Region runs them). */
  public playbookRegionsEnvironment(): Record<string, string> {
    return this.playbookRegions.length === 0 ? {} : { [REMEDIATION_PLAYBOOK_REGIONS_ENV]: this.playbookRegions.join(',') };
  }

  /** The known ARN of a playbook's state machine in a linked Region's playbook stack (same account). */
  public regionalStateMachineArn(region: string, playbookId: string): string {
    return Arn.format(
      { service: 'states', region, resource: 'stateMachine', resourceName: regionalPlaybookName(playbookId), arnFormat: ArnFormat.COLON_RESOURCE_NAME },
      Stack.of(this),
    );
  }

  /** Lets `grantee` start any playbook (StartExecution), here and in the linked Regions' playbook stacks. */
  public grantStart(grantee: iam.IGrantable): void {
    for (const machine of Object.values(this.stateMachines)) machine.grantStartExecution(grantee);
    if (this.playbookRegions.length > 0) {
      const resources = this.playbookRegions.flatMap((region) => PLAYBOOKS.map((playbook) => this.regionalStateMachineArn(region, playbook.id)));
      iam.Grant.addToPrincipal({ grantee, actions: ['states:StartExecution'], resourceArns: resources });
    }
  }

  /** Lets `grantee` answer approvals (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat) of the playbooks, here and in the linked Regions. */
  public grantTaskResponse(grantee: iam.IGrantable): void {
    for (const machine of Object.values(this.stateMachines)) machine.grantTaskResponse(grantee);
    if (this.playbookRegions.length > 0) {
      const resources = this.playbookRegions.flatMap((region) => PLAYBOOKS.map((playbook) => this.regionalStateMachineArn(region, playbook.id)));
      iam.Grant.addToPrincipal({ grantee, actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resourceArns: resources });
    }
  }

  private sharedFunction(id: string, entry: string, serviceName: string, what: string, environment: Record<string, string>): NodeFunction {
    return new NodeFunction(this, id, {
      entry,
      serviceName,
      description: `Open Security Hub remediation: ${what}`,
      environment,
      timeout: Duration.seconds(30),
    });
  }
}

/** `s3-block-public-access` → `S3BlockPublicAccess` (construct ids). */
function pascal(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
