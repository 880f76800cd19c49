import { Arn, ArnFormat, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { acknowledgeInlinePolicies } from './constructs/acknowledgements';
import { Remediation } from './constructs/remediation';

/** Props of {@link RegionalPlaybooksStack}: the home Region's resources, by known name (no cross-Region exports). */
export interface RegionalPlaybooksStackProps extends StackProps {
  /** The home Region (the admin stack's): where the findings table and the app's bus are. */
  readonly homeRegion: string;
  /** The admin stack's `FindingsTableName` output. */
  readonly findingsTableName: string;
  /** The admin stack's `FindingsKeyArn` output: the key of the findings table. */
  readonly findingsKeyArn: string;
  /** The admin stack's name (its app bus is `<name>-ingestion`); default `OpenSecurityHub`. */
  readonly adminStackName?: string;
  /** AWS Organizations id: the playbooks may assume member roles only in this organization. */
  readonly organizationId?: string;
}

/**
 * The playbooks of one linked Region (docs/regions.md "Playbooks in the finding's Region"): Step
 * Functions' SDK integrations act only in their own Region, so each linked Region runs the same
 * {@link Remediation} construct — the registry's state machines under known names, and their
 * Check / Record / Approval functions — reading and writing the home Region's findings table and
 * putting the remediation events on the home Region's bus. The home Region's dispatcher starts
 * them (`REMEDIATION_PLAYBOOK_REGIONS`); the member accounts' remediation role trusts these
 * playbook roles as the home ones (same IAM path, same account).
 */
export class RegionalPlaybooksStack extends Stack {
  public readonly remediation: Remediation;

  constructor(scope: Construct, id: string, props: RegionalPlaybooksStackProps) {
    super(scope, id, props);
    const home = { region: props.homeRegion };
    const table = dynamodb.Table.fromTableAttributes(this, 'HomeFindingsTable', {
      tableArn: Arn.format({ ...home, service: 'dynamodb', resource: 'table', resourceName: props.findingsTableName }, this),
      encryptionKey: kms.Key.fromKeyArn(this, 'HomeFindingsKey', props.findingsKeyArn),
      grantIndexPermissions: true, // the store's query planner reads the table's indexes
    });
    const busName = `${props.adminStackName ?? 'OpenSecurityHub'}-ingestion`;
    const bus = events.EventBus.fromEventBusArn(
      this,
      'HomeBus',
      Arn.format({ ...home, service: 'events', resource: 'event-bus', resourceName: busName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, this),
    );
    this.remediation = new Remediation(this, 'Remediation', { table, bus, homeRegion: props.homeRegion, organizationId: props.organizationId });
    acknowledgeInlinePolicies(this);
    for (const fn of [this.remediation.checkFunction, this.remediation.recordFunction, this.remediation.approvalFunction]) {
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${props.homeRegion}:<AWS::AccountId>:table/${props.findingsTableName}/index/*]`,
        reason:
          "The findings store queries the home Region's findings table's own global secondary indexes (one per query-planner index); the wildcard spans only that table's indexes.",
      });
    }
  }
}
