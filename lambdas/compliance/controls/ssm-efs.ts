import type { ConfigurationItem, ControlDefinition, Evaluation } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asRecord, asString, field } from './support/readers';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const INVENTORY = 'AWS::SSM::ManagedInstanceInventory';

/**
 * A Systems Manager compliance item's verdict (`AWS::SSM::PatchCompliance`,
 * `AWS::SSM::AssociationCompliance`): `configuration["AWS:ComplianceItem"].Content` maps each
 * patch or association to its `Status` (COMPLIANT, NON_COMPLIANT).
 */
function complianceVerdict(item: ConfigurationItem, configuration: Record<string, unknown>, kind: string): Evaluation {
  const compliance = field(configuration, ['AWS:ComplianceItem', 'ComplianceItem']);
  const content = asRecord(field(compliance, 'Content')) ?? {};
  const entries = Object.entries(content).map(([id, entry]) => ({ id, status: asString(field(entry, 'Status')) ?? '' }));
  if (!entries.length) return notApplicable(`${item.resourceId} records no ${kind} compliance entries.`);
  const failing = entries.filter(({ status }) => status.toUpperCase() === 'NON_COMPLIANT').map(({ id }) => id);
  return failing.length
    ? failed(`${item.resourceId} is NON_COMPLIANT for ${kind}(s): ${failing.join(', ')}.`)
    : passed(`${item.resourceId} is COMPLIANT for all ${entries.length} ${kind}(s).`);
}

/** Security Hub controls for Systems Manager (managed instances, patch and association compliance) and Amazon EFS. */
export const ssmEfsControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'SSM.1',
      title: 'Amazon EC2 instances should be managed by AWS Systems Manager',
      description: 'Checks whether a running or stopped EC2 instance is a Systems Manager managed instance (an AWS::SSM::ManagedInstanceInventory item exists for it).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EC2::Instance'],
      standards: [FSBP, pci321('2.4')],
      reads: [{ resourceType: INVENTORY, affects: (inventory, instance) => inventory.resourceId === instance.resourceId }],
      remediationUrl: controlPage('SSM.1'),
    },
    (item, configuration, context) => {
      const state = asString(field(configuration, 'state', 'name'));
      if (state && state !== 'running' && state !== 'stopped') return notApplicable(`Instance ${item.resourceId} is ${state}; only running and stopped instances are evaluated.`);
      const managed = liveRelated(context, INVENTORY).some((inventory) => inventory.resourceId === item.resourceId);
      return managed
        ? passed(`Instance ${item.resourceId} is managed by Systems Manager.`)
        : failed(`Instance ${item.resourceId} is not managed by Systems Manager (no managed instance inventory).`);
    },
  ),
  defineControl(
    {
      id: 'SSM.2',
      title: 'Amazon EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation',
      description: 'Checks whether the Systems Manager patch compliance of a managed instance is COMPLIANT (no patch NON_COMPLIANT).',
      severity: 'HIGH',
      resourceTypes: ['AWS::SSM::PatchCompliance'],
      standards: [FSBP, pci321('6.2')],
      remediationUrl: controlPage('SSM.2'),
    },
    (item, configuration) => complianceVerdict(item, configuration, 'patch'),
  ),
  defineControl(
    {
      id: 'SSM.3',
      title: 'Amazon EC2 instances managed by Systems Manager should have an association compliance status of COMPLIANT',
      description: 'Checks whether the Systems Manager association compliance of a managed instance is COMPLIANT (no association NON_COMPLIANT).',
      severity: 'LOW',
      resourceTypes: ['AWS::SSM::AssociationCompliance'],
      standards: [FSBP, pci321('2.4')],
      remediationUrl: controlPage('SSM.3'),
    },
    (item, configuration) => complianceVerdict(item, configuration, 'association'),
  ),
  defineControl(
    {
      id: 'EFS.1',
      title: 'Elastic File System should be configured to encrypt file data at-rest using AWS KMS',
      description: 'Checks whether an Amazon EFS file system is encrypted at rest (Encrypted).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EFS::FileSystem'],
      standards: [FSBP, cis3('2.4.1')],
      remediationUrl: controlPage('EFS.1'),
    },
    (item, configuration) => {
      const encrypted = asBoolean(field(configuration, ['Encrypted', 'encrypted']));
      return encrypted === true
        ? passed(`File system ${item.resourceId} is encrypted with ${asString(field(configuration, ['KmsKeyId', 'kmsKeyId'])) ?? 'an AWS KMS key'}.`)
        : failed(`File system ${item.resourceId} is not encrypted at rest (Encrypted ${encrypted ?? 'missing'}).`);
    },
  ),
  defineControl(
    {
      id: 'EFS.3',
      title: 'EFS access points should enforce a root directory',
      description: 'Checks whether an Amazon EFS access point enforces a root directory other than the file system root (RootDirectory.Path not "/").',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EFS::AccessPoint'],
      standards: [FSBP],
      remediationUrl: controlPage('EFS.3'),
    },
    (item, configuration) => {
      const path = asString(field(configuration, ['RootDirectory', 'rootDirectory'], ['Path', 'path'])) ?? '/';
      return path === '/'
        ? failed(`Access point ${item.resourceId} uses the file system root directory (RootDirectory.Path "/").`)
        : passed(`Access point ${item.resourceId} enforces root directory ${path}.`);
    },
  ),
  defineControl(
    {
      id: 'EFS.4',
      title: 'EFS access points should enforce a user identity',
      description: 'Checks whether an Amazon EFS access point enforces a POSIX user identity (PosixUser).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::EFS::AccessPoint'],
      standards: [FSBP],
      remediationUrl: controlPage('EFS.4'),
    },
    (item, configuration) => {
      const user = asRecord(field(configuration, ['PosixUser', 'posixUser']));
      const uid = field(user, ['Uid', 'uid']);
      return user && uid !== undefined
        ? passed(`Access point ${item.resourceId} enforces POSIX user ${String(uid)}:${String(field(user, ['Gid', 'gid']) ?? '?')}.`)
        : failed(`Access point ${item.resourceId} does not enforce a POSIX user identity (no PosixUser).`);
    },
  ),
];
