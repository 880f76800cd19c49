import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asNumber, asString, daysSince, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const CERTIFICATE = ['AWS::ACM::Certificate'];
const SECRET = ['AWS::SecretsManager::Secret'];
const DAY_MS = 86_400_000;

/** A secret's rotation interval in days (`rotationRules.automaticallyAfterDays`, or a `rate(N days)` schedule). */
function rotationDays(configuration: Record<string, unknown>): number | undefined {
  const days = asNumber(field(configuration, 'rotationRules', 'automaticallyAfterDays'));
  if (days !== undefined) return days;
  const match = /^rate\((\d+) days?\)$/.exec(asString(field(configuration, 'rotationRules', 'scheduleExpression')) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** When the secret was last rotated, or created when never rotated. */
const lastRotation = (configuration: Record<string, unknown>) => asString(configuration.lastRotatedDate) ?? asString(configuration.createdDate);

/** Security Hub controls for ACM certificates and Secrets Manager secrets. */
export const certificateAndSecretControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'ACM.1',
      title: 'Imported and ACM-issued certificates should be renewed after a specified time period',
      description: 'Checks whether an ACM certificate (imported or issued by ACM) expires within the given number of days.',
      severity: 'MEDIUM',
      resourceTypes: CERTIFICATE,
      standards: [FSBP],
      parameters: { daysToExpiration: { type: 'int', default: 30, description: 'Days before expiry at which a certificate fails.' } },
      remediationUrl: controlPage('ACM.1'),
    },
    (item, configuration, { parameters, now }) => {
      const notAfter = asString(configuration.notAfter);
      const expiry = notAfter ? new Date(notAfter).getTime() : NaN;
      if (Number.isNaN(expiry)) return notApplicable(`Certificate ${item.resourceId} records no expiry date (status ${asString(configuration.status) ?? 'unknown'}).`);
      const threshold = numberParameter(parameters, 'daysToExpiration', 30);
      const left = Math.floor((expiry - now.getTime()) / DAY_MS);
      if (expiry < now.getTime()) return failed(`Certificate ${item.resourceId} expired ${Math.floor((now.getTime() - expiry) / DAY_MS)} days ago (notAfter ${notAfter}).`);
      return left <= threshold
        ? failed(`Certificate ${item.resourceId} expires in ${left} days, within ${threshold} days (notAfter ${notAfter}).`)
        : passed(`Certificate ${item.resourceId} expires in ${left} days, more than ${threshold} days away.`);
    },
  ),
  defineControl(
    {
      id: 'ACM.2',
      title: 'RSA certificates managed by ACM should use a key length of at least 2,048 bits',
      description: 'Checks whether an RSA certificate managed by ACM uses a key of at least 2,048 bits (keyAlgorithm). Certificates with other key algorithms are not evaluated.',
      severity: 'HIGH',
      resourceTypes: CERTIFICATE,
      standards: [FSBP],
      remediationUrl: controlPage('ACM.2'),
    },
    (item, configuration) => {
      const algorithm = asString(configuration.keyAlgorithm) ?? '';
      const match = /^RSA[-_](\d+)$/i.exec(algorithm);
      if (!match) return notApplicable(`Certificate ${item.resourceId} is not an RSA certificate (keyAlgorithm ${algorithm || 'not recorded'}).`);
      const bits = Number(match[1]);
      return bits >= 2048
        ? passed(`Certificate ${item.resourceId} uses a ${bits}-bit RSA key.`)
        : failed(`Certificate ${item.resourceId} uses a ${bits}-bit RSA key, shorter than 2,048 bits.`);
    },
  ),
  defineControl(
    {
      id: 'SecretsManager.1',
      title: 'Secrets Manager secrets should have automatic rotation enabled',
      description: 'Checks whether a Secrets Manager secret has automatic rotation enabled (rotationEnabled).',
      severity: 'MEDIUM',
      resourceTypes: SECRET,
      standards: [FSBP],
      remediationUrl: controlPage('SecretsManager.1'),
    },
    (item, configuration) =>
      asBoolean(configuration.rotationEnabled) === true
        ? passed(`Secret ${item.resourceName ?? item.resourceId} rotates automatically${rotationDays(configuration) ? ` every ${rotationDays(configuration)} days` : ''}.`)
        : failed(
            `Secret ${item.resourceName ?? item.resourceId} does not have automatic rotation enabled (rotationEnabled ${String(configuration.rotationEnabled ?? 'missing')}).`,
          ),
  ),
  defineControl(
    {
      id: 'SecretsManager.2',
      title: 'Secrets Manager secrets configured with automatic rotation should rotate successfully',
      description:
        'Checks whether a secret with automatic rotation rotated on schedule: its last rotation (or creation) is no older than its rotation interval. Secrets without rotation are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: SECRET,
      standards: [FSBP],
      remediationUrl: controlPage('SecretsManager.2'),
    },
    (item, configuration, { now }) => {
      const name = item.resourceName ?? item.resourceId;
      if (asBoolean(configuration.rotationEnabled) !== true) return notApplicable(`Secret ${name} does not have rotation configured.`);
      const interval = rotationDays(configuration);
      if (interval === undefined) return notApplicable(`Secret ${name} has a rotation schedule this control cannot read (rotationRules).`);
      const age = daysSince(lastRotation(configuration), now);
      if (age === undefined) return failed(`Secret ${name} records no rotation or creation date.`);
      return age > interval
        ? failed(`Secret ${name} last rotated ${age} days ago, beyond its ${interval}-day rotation schedule.`)
        : passed(`Secret ${name} rotated ${age} days ago, within its ${interval}-day schedule.`);
    },
  ),
  defineControl(
    {
      id: 'SecretsManager.3',
      title: 'Remove unused Secrets Manager secrets',
      description: 'Checks whether a secret was accessed within the given number of days (lastAccessedDate, or creation when never accessed).',
      severity: 'MEDIUM',
      resourceTypes: SECRET,
      standards: [FSBP],
      parameters: { unusedForDays: { type: 'int', default: 90, description: 'Days without access after which a secret fails.' } },
      remediationUrl: controlPage('SecretsManager.3'),
    },
    (item, configuration, { parameters, now }) => {
      const limit = numberParameter(parameters, 'unusedForDays', 90);
      const accessed = asString(configuration.lastAccessedDate);
      const idle = daysSince(accessed ?? asString(configuration.createdDate), now);
      const name = item.resourceName ?? item.resourceId;
      if (idle === undefined) return failed(`Secret ${name} records neither an access nor a creation date.`);
      const what = accessed ? `last accessed ${idle} days ago` : `never accessed since its creation ${idle} days ago`;
      return idle > limit ? failed(`Secret ${name} was ${what}, more than ${limit} days.`) : passed(`Secret ${name} was ${what}, within ${limit} days.`);
    },
  ),
  defineControl(
    {
      id: 'SecretsManager.4',
      title: 'Secrets Manager secrets should be rotated within a specified number of days',
      description: 'Checks whether a secret was rotated (or created, when never rotated) within the given number of days.',
      severity: 'MEDIUM',
      resourceTypes: SECRET,
      standards: [FSBP],
      parameters: { maxDaysSinceRotation: { type: 'int', default: 90, description: 'Days since the last rotation after which a secret fails.' } },
      remediationUrl: controlPage('SecretsManager.4'),
    },
    (item, configuration, { parameters, now }) => {
      const limit = numberParameter(parameters, 'maxDaysSinceRotation', 90);
      const rotated = asString(configuration.lastRotatedDate);
      const age = daysSince(lastRotation(configuration), now);
      const name = item.resourceName ?? item.resourceId;
      if (age === undefined) return failed(`Secret ${name} records neither a rotation nor a creation date.`);
      const what = rotated ? `last rotated ${age} days ago` : `never rotated since its creation ${age} days ago`;
      return age > limit ? failed(`Secret ${name} was ${what}, more than ${limit} days.`) : passed(`Secret ${name} was ${what}, within ${limit} days.`);
    },
  ),
];
