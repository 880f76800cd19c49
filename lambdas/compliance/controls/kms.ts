import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asString, supplementary } from './support/readers';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const KEY = 'AWS::KMS::Key';
const PENDING_DELETION = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

/** Security Hub controls for AWS KMS keys (KMS.1 and KMS.2 evaluate IAM policies and live with the IAM controls). */
export const kmsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'KMS.3',
      title: 'AWS KMS keys should not be deleted unintentionally',
      description: 'Checks whether a KMS key is scheduled for deletion (key state PendingDeletion or PendingReplicaDeletion).',
      severity: 'CRITICAL',
      resourceTypes: [KEY],
      standards: [FSBP],
      remediationUrl: controlPage('KMS.3'),
    },
    (item, configuration) => {
      const state = asString(configuration.keyState);
      if (state && PENDING_DELETION.has(state)) {
        const when = asString(configuration.deletionDate);
        return failed(`KMS key ${item.resourceId} is scheduled for deletion (keyState ${state}${when ? `, deletion on ${when}` : ''}).`);
      }
      return passed(`KMS key ${item.resourceId} is not scheduled for deletion (keyState ${state ?? 'not recorded'}).`);
    },
  ),
  defineControl(
    {
      id: 'KMS.4',
      title: 'AWS KMS key rotation should be enabled',
      description:
        'Checks whether automatic key rotation is enabled for a customer managed symmetric encryption KMS key with AWS_KMS key material. Other keys cannot be rotated automatically and are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: [KEY],
      standards: [cis3('3.6'), pci321('3.6.4')],
      remediationUrl: controlPage('KMS.4'),
    },
    (item, configuration) => {
      if (asString(configuration.keyManager) === 'AWS') return notApplicable(`KMS key ${item.resourceId} is AWS managed; AWS rotates it.`);
      const spec = asString(configuration.keySpec) ?? asString(configuration.customerMasterKeySpec) ?? 'SYMMETRIC_DEFAULT';
      const origin = asString(configuration.origin) ?? 'AWS_KMS';
      if (spec !== 'SYMMETRIC_DEFAULT' || origin !== 'AWS_KMS') {
        return notApplicable(`KMS key ${item.resourceId} (${spec}, origin ${origin}) does not support automatic rotation.`);
      }
      const state = asString(configuration.keyState);
      if (state && PENDING_DELETION.has(state)) return notApplicable(`KMS key ${item.resourceId} is ${state}; rotation does not apply.`);
      const rotation = asBoolean(supplementary(item, 'KeyRotationStatus'));
      if (rotation === true) return passed(`Automatic rotation is enabled for KMS key ${item.resourceId}.`);
      return failed(
        rotation === false
          ? `Automatic rotation is disabled for KMS key ${item.resourceId}.`
          : `Rotation status of KMS key ${item.resourceId} is not recorded (supplementaryConfiguration.KeyRotationStatus missing).`,
      );
    },
  ),
];
