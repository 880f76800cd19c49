import type { ConfigurationItem, ControlDefinition, EvaluationContext } from './types';
import { failed, passed } from './support/verdicts';
import { asBoolean, asString, field, supplementary } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const TABLE = 'AWS::DynamoDB::Table';
const DIMENSIONS = ['dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits'];

/** A table item's name (`configuration.tableName`, else the resource name or id). */
const tableNameOf = (table: ConfigurationItem) => asString(field(table.configuration, 'tableName')) ?? table.resourceName ?? table.resourceId;

/** The table's Application Auto Scaling dimensions (`AWS::ApplicationAutoScaling::ScalableTarget` items of `table/<name>`). */
function scaledDimensions(tableName: string, context: EvaluationContext): string[] {
  return liveRelated(context, 'AWS::ApplicationAutoScaling::ScalableTarget')
    .filter((target) => field(target.configuration, 'resourceId') === `table/${tableName}`)
    .map((target) => String(field(target.configuration, 'scalableDimension') ?? ''))
    .filter((dimension) => DIMENSIONS.includes(dimension));
}

/** Security Hub controls for Amazon DynamoDB tables. */
export const dynamodbControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'DynamoDB.1',
      title: 'DynamoDB tables should automatically scale capacity with demand',
      description:
        'Checks whether a DynamoDB table can scale its read and write capacity: on-demand capacity mode, or provisioned mode with Application Auto Scaling on both read and write capacity.',
      severity: 'MEDIUM',
      resourceTypes: [TABLE],
      standards: [FSBP],
      reads: [
        { resourceType: 'AWS::ApplicationAutoScaling::ScalableTarget', affects: (target, table) => field(target.configuration, 'resourceId') === `table/${tableNameOf(table)}` },
      ],
      remediationUrl: controlPage('DynamoDB.1'),
    },
    (item, configuration, context) => {
      const name = tableNameOf(item);
      if (asString(field(configuration, 'billingModeSummary', 'billingMode')) === 'PAY_PER_REQUEST') {
        return passed(`Table ${name} uses on-demand capacity mode.`);
      }
      const missing = DIMENSIONS.filter((dimension) => !scaledDimensions(name, context).includes(dimension));
      return missing.length === 0
        ? passed(`Table ${name} uses provisioned capacity with auto scaling of read and write capacity.`)
        : failed(`Table ${name} uses provisioned capacity without auto scaling of ${missing.join(' and ')}.`);
    },
  ),
  defineControl(
    {
      id: 'DynamoDB.2',
      title: 'DynamoDB tables should have point-in-time recovery enabled',
      description: 'Checks whether point-in-time recovery (PITR) is enabled for a DynamoDB table.',
      severity: 'MEDIUM',
      resourceTypes: [TABLE],
      standards: [FSBP],
      remediationUrl: controlPage('DynamoDB.2'),
    },
    (item) => {
      const status = asString(field(supplementary(item, 'ContinuousBackupsDescription'), 'pointInTimeRecoveryDescription', 'pointInTimeRecoveryStatus'));
      return status === 'ENABLED'
        ? passed(`Point-in-time recovery is enabled for table ${item.resourceId}.`)
        : failed(`Point-in-time recovery is not enabled for table ${item.resourceId} (pointInTimeRecoveryStatus ${status ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'DynamoDB.6',
      title: 'DynamoDB tables should have deletion protection enabled',
      description: 'Checks whether deletion protection is enabled for a DynamoDB table.',
      severity: 'MEDIUM',
      resourceTypes: [TABLE],
      standards: [FSBP],
      remediationUrl: controlPage('DynamoDB.6'),
    },
    (item, configuration) =>
      asBoolean(configuration.deletionProtectionEnabled) === true
        ? passed(`Deletion protection is enabled for table ${item.resourceId}.`)
        : failed(`Deletion protection is not enabled for table ${item.resourceId} (deletionProtectionEnabled ${String(configuration.deletionProtectionEnabled ?? 'missing')}).`),
  ),
];
