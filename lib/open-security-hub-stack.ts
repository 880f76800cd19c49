import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerting } from './constructs/alerting';
import { AutomationRulesAsCode } from './constructs/automation-rules';
import { Compliance } from './constructs/compliance';
import { Correlation } from './constructs/correlation';
import { FindingEvents } from './constructs/finding-events';
import { FindingsApi } from './constructs/findings-api';
import { FindingsStore } from './constructs/findings-store';
import { Ingestion } from './constructs/ingestion';
import { Integrations, integrationsFromContext } from './constructs/integrations';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { Remediation } from './constructs/remediation';
import { PostureConsole } from './constructs/console';
import { REMEDIATION_STATE_MACHINES_ENV } from '../lambdas/remediation';
import { RemediationTriggers } from './constructs/remediation-triggers';
import { WeeklyReport } from './constructs/weekly-report';
import { OrganizationSync } from './constructs/organization-sync';

/**
 * Open Security Hub in the delegated-admin account: the findings store, the Security Hub–compatible
 * API, ingestion (normalizers behind EventBridge rules), compliance, triage (finding events,
 * correlation, alerts, automation rules-as-code) and remediation (playbooks and their triggers).
 * Context `organizationId` (`o-…`) lets the organization's member accounts forward events to the
 * ingestion bus.
 */
export class OpenSecurityHubStack extends Stack {
  /** The ingestion bus member accounts forward to (the member StackSets' parameter). */
  public readonly ingestionBusArn: string;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const store = new FindingsStore(this, 'FindingsStore');
    // Checks the rules-as-code file at synth; the rules ride in every function bundle that imports findings.
    new AutomationRulesAsCode(this, 'AutomationRulesAsCode');
    const api = new FindingsApi(this, 'FindingsApi', { table: store.table, organizationId: this.node.tryGetContext('organizationId') as string | undefined });
    const ingestion = new Ingestion(this, 'Ingestion', {
      table: store.table,
      organizationId: this.node.tryGetContext('organizationId') as string | undefined,
    });
    const compliance = new Compliance(this, 'Compliance', {
      table: store.table,
      bus: ingestion.bus,
      deadLetterKey: ingestion.key,
      configAggregatorName: this.node.tryGetContext('configAggregatorName') as string | undefined,
    });
    new FindingEvents(this, 'FindingEvents', { table: store.table, bus: ingestion.bus, deadLetterKey: ingestion.key, publishers: [api.handler] });
    new Correlation(this, 'Correlation', { table: store.table, deadLetterKey: ingestion.key });
    new OrganizationSync(this, 'OrganizationSync', { table: store.table, deadLetterKey: ingestion.key }); // member accounts from AWS Organizations
    const remediation = new Remediation(this, 'Remediation', {
      table: store.table,
      bus: ingestion.bus,
      organizationId: this.node.tryGetContext('organizationId') as string | undefined,
    });
    remediation.grantTaskResponse(api.handler); // ApproveRemediation / RejectRemediation answer the playbooks' approval tasks
    remediation.grantStart(api.handler); // StartRemediation (the console's remediate button)
    api.handler.addEnvironment(REMEDIATION_STATE_MACHINES_ENV, remediation.stateMachineArnsJson());
    new RemediationTriggers(this, 'RemediationTriggers', { table: store.table, bus: ingestion.bus, deadLetterKey: ingestion.key, playbooks: remediation });
    new PostureConsole(this, 'Console', { api: api.api, apiHandler: api.handler }); // the posture console on S3 + CloudFront with Cognito sign-in

    const alerting = new Alerting(this, 'Alerting', {
      table: store.table,
      bus: ingestion.bus,
      deadLetterKey: ingestion.key,
      alertEmail: this.node.tryGetContext('alertEmail') as string | undefined,
      alertMinimumSeverity: this.node.tryGetContext('alertMinimumSeverity') as string | undefined,
    });

    new Integrations(this, 'Integrations', {
      table: store.table,
      bus: ingestion.bus,
      deadLetterKey: ingestion.key,
      alertsTopic: alerting.topic,
      config: integrationsFromContext(this.node.tryGetContext('integrations')),
    });
    new WeeklyReport(this, 'WeeklyReport', { table: store.table, email: this.node.tryGetContext('reportEmail') as string | undefined });
    // Last: it reads the functions, queues and alarms created above.
    new OperationsDashboard(this, 'Operations', {
      api: api.api,
      normalizers: ingestion.normalizers,
      complianceStateMachine: compliance.stateMachine,
      playbooks: remediation.stateMachines,
      alarmEmail: this.node.tryGetContext('operationsEmail') as string | undefined,
    });

    new CfnOutput(this, 'AlertsTopicArn', {
      value: alerting.topic.topicArn,
      description: 'SNS topic of the alerts (subscribe with a filter policy on severity, priority, account, product)',
    });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Security Hub–compatible API endpoint (SigV4)' });
    new CfnOutput(this, 'FindingsTableName', { value: store.table.tableName });
    this.ingestionBusArn = ingestion.bus.eventBusArn;
    new CfnOutput(this, 'IngestionBusArn', {
      value: ingestion.bus.eventBusArn,
      description: 'Member accounts forward GuardDuty, Inspector, Macie, Config and ASFF events here',
    });
  }
}
