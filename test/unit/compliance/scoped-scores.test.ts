import fc from 'fast-check';
import { controlStatus } from '../../../lambdas/compliance/control-status';
import type { ControlDefinition } from '../../../lambdas/compliance/controls/types';
import { combineStatus, scopedScores, scoreCells, type ScopedFindingView } from '../../../lambdas/compliance/scoped-scores';
import { packScopes, unpackScopes } from '../../../lambdas/compliance/state/score-snapshot-codec';
import type { StandardId } from '../../../lambdas/compliance/standards';

const FSBP: StandardId = 'aws-foundational-security-best-practices/v/1.0.0';
const catalogue = ['A.1', 'A.2', 'A.3'].map((id) => ({ id, standards: [{ standard: FSBP, requirements: [] }] }) as unknown as ControlDefinition);
const settings = { enabledStandards: [FSBP], controls: { 'A.3': { enabled: false, disabledReason: 'not used' } } };
const view = (id: string, account: string, region: string, status: string, workflow = 'NEW'): ScopedFindingView => ({
  AwsAccountId: account,
  Region: region,
  RecordState: 'ACTIVE',
  Workflow: { Status: workflow },
  Compliance: { Status: status, SecurityControlId: id },
});

describe('combineStatus', () => {
  it('combines per-part statuses exactly as the status of the union of their findings', () => {
    const finding = fc.record({ status: fc.constantFrom('PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'), suppressed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(finding), fc.array(finding), (left, right) => {
        const views = (list: typeof left) => list.map((f) => ({ Compliance: { Status: f.status }, Workflow: { Status: f.suppressed ? 'SUPPRESSED' : 'NEW' } }));
        expect(combineStatus(controlStatus(views(left)), controlStatus(views(right)))).toBe(controlStatus([...views(left), ...views(right)]));
      }),
    );
  });
});

describe('scopedScores', () => {
  const cells = scoreCells(
    [
      view('A.1', '111', 'us-east-1', 'PASSED'),
      view('A.2', '111', 'eu-west-1', 'FAILED'),
      view('A.1', '222', 'eu-west-1', 'FAILED'),
      view('A.2', '222', 'eu-west-1', 'FAILED', 'SUPPRESSED'),
      view('A.3', '222', 'us-east-1', 'FAILED'),
    ],
    settings,
    catalogue,
  );

  it('scores the organization as the union, with each account and Region', () => {
    const org = scopedScores(cells);
    expect(org.controls).toEqual({ 'A.1': 'FAILED', 'A.2': 'FAILED', 'A.3': 'DISABLED' });
    expect(org.accounts.map((a) => [a.scope, a.scores.summary.score, a.scores.summary.noData])).toEqual([
      ['111', 50, 0],
      ['222', 0, 1], // A.2's only finding there is suppressed: NO_DATA
    ]);
    expect(org.regions.map((r) => [r.scope, r.scores.summary.score])).toEqual([
      ['eu-west-1', 0],
      ['us-east-1', 100],
    ]);
    expect(org.accounts[0].scores.summary.disabled).toBe(1);
  });

  it('narrows to an account and Region, and to nothing for an unknown one', () => {
    expect(scopedScores(cells, { accountId: '111', region: 'us-east-1' }).controls).toEqual({ 'A.1': 'PASSED', 'A.2': 'NO_DATA', 'A.3': 'DISABLED' });
    const none = scopedScores(cells, { accountId: '999' });
    expect(none.scores.summary.score).toBeNull();
    expect(none.accounts).toEqual([]);
  });

  it('round-trips through the compact stored form', () => {
    const { accounts } = scopedScores(cells);
    expect(unpackScopes(packScopes(accounts), [FSBP])).toEqual(accounts);
  });
});

describe('scoreCells with each account’s effective settings (central configuration)', () => {
  const findings = [view('A.1', '111', 'us-east-1', 'PASSED'), view('A.1', '222', 'us-east-1', 'FAILED'), view('A.2', '222', 'eu-west-1', 'PASSED')];
  // Account 222's policy turns A.1 off; 111 has no settings of its own (the organization's).
  const ownSettings = new Map([['222', { enabledStandards: [FSBP], controls: { 'A.1': { enabled: false, disabledReason: 'policy sandbox' } } }]]);

  it('counts an account’s findings only for the controls enabled for it', () => {
    const org = scopedScores(scoreCells(findings, settings, catalogue, ownSettings));
    // 222's FAILED A.1 does not count: A.1 is PASSED organization-wide (111's finding).
    expect(org.controls).toEqual({ 'A.1': 'PASSED', 'A.2': 'PASSED', 'A.3': 'DISABLED' });
    expect(org.scores.summary.score).toBe(100);
    expect(org.regions.find((region) => region.scope === 'us-east-1')?.scores.summary.score).toBe(100);
    // Without the account's settings, its failure counts.
    expect(scopedScores(scoreCells(findings, settings, catalogue)).controls['A.1']).toBe('FAILED');
  });

  it('leaves the control to nobody when the only account with findings disables it (NO_DATA, not DISABLED)', () => {
    const org = scopedScores(scoreCells([findings[1]], settings, catalogue, ownSettings));
    expect(org.controls['A.1']).toBe('NO_DATA');
  });
});
