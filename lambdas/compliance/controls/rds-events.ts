import type { ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/**
 * An RDS event subscription control: the subscription passes when it is enabled, its source type
 * is `sourceType`, and it notifies every one of `categories` (an empty category list means all).
 */
function eventSubscription(id: string, title: string, sourceType: string, categories: readonly string[]): ControlDefinition {
  return defineControl(
    {
      id,
      title,
      description: `Checks whether an RDS event notification subscription is enabled for source type ${sourceType} with the event categories ${categories.map((c) => `"${c}"`).join(', ')}.`,
      severity: 'LOW',
      resourceTypes: ['AWS::RDS::EventSubscription'],
      standards: [FSBP],
      remediationUrl: controlPage(id),
    },
    (item, configuration) => {
      const subject = `Event subscription ${asString(field(configuration, ['custSubscriptionId', 'subscriptionName'])) ?? item.resourceId}`;
      const type = asString(configuration.sourceType);
      if (type !== sourceType) return failed(`${subject} is for source type ${type ?? '(all)'}, not ${sourceType}.`);
      if (asBoolean(configuration.enabled) === false) return failed(`${subject} is disabled (enabled false).`);
      const listed = asArray(field(configuration, ['eventCategoriesList', 'eventCategories'])).map((entry) => String(entry).toLowerCase());
      const missing = listed.length === 0 ? [] : categories.filter((category) => !listed.includes(category));
      return missing.length
        ? failed(`${subject} does not notify the ${sourceType} event categories: ${missing.join(', ')}.`)
        : passed(`${subject} notifies the ${sourceType} event categories ${categories.join(', ')}.`);
    },
  );
}

/** Security Hub controls for RDS event notification subscriptions. */
export const rdsEventControls: ControlDefinition[] = [
  eventSubscription('RDS.19', 'Existing RDS event notification subscriptions should be configured for critical cluster events', 'db-cluster', ['maintenance', 'failure']),
  eventSubscription('RDS.20', 'Existing RDS event notification subscriptions should be configured for critical database instance events', 'db-instance', [
    'maintenance',
    'configuration change',
    'failure',
  ]),
  eventSubscription('RDS.21', 'An RDS event notifications subscription should be configured for critical database parameter group events', 'db-parameter-group', [
    'configuration change',
  ]),
  eventSubscription('RDS.22', 'An RDS event notifications subscription should be configured for critical database security group events', 'db-security-group', [
    'configuration change',
    'failure',
  ]),
];
