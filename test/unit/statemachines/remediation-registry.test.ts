import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import { PLAYBOOKS, RETIRED_CONTROL_IDS, playbookById, playbookDefinitionFile, playbookFor } from '../../../lambdas/remediation/playbooks';
import type { PlaybookDefinition } from '../../../lambdas/remediation/contract';

const ROOT = path.join(__dirname, '../../..');

/** The `## Playbooks` table of docs/remediation.md, as the registry says it. */
function playbooksTable(playbooks: readonly PlaybookDefinition[]): string {
  const code = (values: readonly string[] | undefined) => (values ?? []).map((value) => `\`${value}\``).join(', ');
  const rows = playbooks.map((playbook) => {
    const { securityControlIds, findingTypePrefixes, guardDutyTypePrefixes } = playbook.remediates;
    const remediates = [code(securityControlIds), code(findingTypePrefixes), guardDutyTypePrefixes ? `GuardDuty ${code(guardDutyTypePrefixes)}` : ''].filter(Boolean).join('; ');
    return `| \`${playbook.id}\` | ${playbook.title} | ${remediates} | \`${playbook.resourceType}\` | ${playbook.destructive ? 'yes' : 'no'} | ${playbook.approvalByDefault ? 'yes' : 'no'} |`;
  });
  return ['| Playbook | What it does | Remediates | Resource | Destructive | Approval by default |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

describe('the playbook registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = PLAYBOOKS.map((playbook) => playbook.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has an ASL file for every playbook and a playbook for every remediation ASL file', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'statemachines'))
      .filter((file) => file.startsWith('remediation-'))
      .map((file) => `statemachines/${file}`);

    expect(files.sort()).toEqual(PLAYBOOKS.map((playbook) => playbookDefinitionFile(playbook.id)).sort());
  });

  it("names controls as the compliance catalogue does (or as AWS's retired ids)", () => {
    const catalogue = new Set(CONTROLS.map((control) => control.id));
    const named = PLAYBOOKS.flatMap((playbook) => playbook.remediates.securityControlIds ?? []);

    expect(named.filter((id) => !catalogue.has(id) && !RETIRED_CONTROL_IDS.includes(id))).toEqual([]);
    expect(RETIRED_CONTROL_IDS.filter((id) => catalogue.has(id))).toEqual([]);
  });

  it('gives every playbook something to remediate and member actions to do it with', () => {
    for (const playbook of PLAYBOOKS) {
      const { securityControlIds = [], findingTypePrefixes = [], guardDutyTypePrefixes = [] } = playbook.remediates;
      expect(securityControlIds.length + findingTypePrefixes.length + guardDutyTypePrefixes.length).toBeGreaterThan(0);
      for (const action of playbook.memberActions) expect(action).toMatch(/^[a-z0-9]+:[A-Z][A-Za-z0-9]+$/);
    }
  });

  it('requires approval by default for every destructive playbook', () => {
    expect(PLAYBOOKS.filter((playbook) => playbook.destructive && !playbook.approvalByDefault)).toEqual([]);
    expect(
      PLAYBOOKS.filter((playbook) => playbook.destructive)
        .map((playbook) => playbook.id)
        .sort(),
    ).toEqual(['ec2-isolate-instance', 'iam-deactivate-access-key']);
  });

  it('claims each control id and type prefix for one playbook only', () => {
    const claims = PLAYBOOKS.flatMap((playbook) => [
      ...(playbook.remediates.securityControlIds ?? []),
      ...(playbook.remediates.findingTypePrefixes ?? []),
      ...(playbook.remediates.guardDutyTypePrefixes ?? []),
    ]);

    expect(new Set(claims).size).toBe(claims.length);
  });

  it('is listed in docs/remediation.md, row for row', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'remediation.md'), 'utf8');

    expect(doc).toMatch(/^## Playbooks$/m);
    expect(doc).toContain(playbooksTable(PLAYBOOKS));
  });
});

describe('playbookFor', () => {
  it('picks by control id first', () => {
    expect(playbookFor({ securityControlId: 'S3.8', types: ['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce'] })?.id).toBe('s3-block-public-access');
    expect(playbookFor({ securityControlId: 'EC2.53' })?.id).toBe('sg-revoke-admin-ports');
  });

  it("picks Macie's public bucket finding by its ASFF type", () => {
    expect(playbookFor({ types: ['Effects/Data Exposure/Policy:IAMUser-S3BucketPublic'] })?.id).toBe('s3-block-public-access');
  });

  it('picks GuardDuty findings by their type prefix', () => {
    expect(playbookFor({ guardDutyType: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS' })?.id).toBe('iam-deactivate-access-key');
    expect(playbookFor({ guardDutyType: 'CryptoCurrency:EC2/BitcoinTool.B!DNS' })?.id).toBe('ec2-isolate-instance');
  });

  it('picks nothing for a control or type no playbook remediates', () => {
    expect(playbookFor({ securityControlId: 'S3.9' })).toBeUndefined();
    expect(playbookFor({ guardDutyType: 'Recon:EC2/PortProbeUnprotectedPort' })).toBeUndefined();
    expect(playbookById('no-such-playbook')).toBeUndefined();
  });
});
