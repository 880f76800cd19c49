import { controlStatus, controlStatuses, type ControlFindingView } from '../../../lambdas/compliance/control-status';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';

const f = (status: string, extra: Partial<ControlFindingView> = {}): ControlFindingView => ({
  RecordState: 'ACTIVE',
  Workflow: { Status: 'NEW' },
  Compliance: { Status: status, SecurityControlId: 'S3.8' },
  ...extra,
});

// Rules: Security Hub user guide, "Evaluating compliance status and control status" (controls-overall-status.html).
describe('controlStatus', () => {
  it('is FAILED when any counted finding failed', () => {
    expect(controlStatus([f('PASSED'), f('FAILED'), f('WARNING')])).toBe('FAILED');
  });

  it('is PASSED when every counted finding passed', () => {
    expect(controlStatus([f('PASSED'), f('PASSED')])).toBe('PASSED');
  });

  it('is UNKNOWN when none failed and one is WARNING or NOT_AVAILABLE', () => {
    expect(controlStatus([f('PASSED'), f('NOT_AVAILABLE')])).toBe('UNKNOWN');
    expect(controlStatus([f('WARNING')])).toBe('UNKNOWN');
  });

  it('is NO_DATA without findings', () => {
    expect(controlStatus([])).toBe('NO_DATA');
  });

  it('ignores suppressed findings: a suppressed failure leaves the control PASSED', () => {
    expect(controlStatus([f('PASSED'), f('FAILED', { Workflow: { Status: 'SUPPRESSED' } })])).toBe('PASSED');
  });

  it('ignores archived findings, and is NO_DATA when every finding is suppressed or archived', () => {
    expect(controlStatus([f('FAILED', { RecordState: 'ARCHIVED' }), f('FAILED', { Workflow: { Status: 'SUPPRESSED' } })])).toBe('NO_DATA');
  });
});

describe('controlStatuses', () => {
  it('reports DISABLED for disabled controls and for controls of no enabled standard', () => {
    const settings = { ...defaultComplianceSettings(), controls: { 'S3.8': { enabled: false, disabledReason: 'accepted risk' } } };
    const statuses = controlStatuses([f('FAILED')], settings);
    expect(statuses['S3.8']).toBe('DISABLED');
    const onlyPci = controlStatuses([], { enabledStandards: [], controls: {} });
    expect(new Set(Object.values(onlyPci))).toEqual(new Set(['DISABLED']));
  });

  it('groups findings by SecurityControlId, else by the security-control generator', () => {
    const byGenerator: ControlFindingView = { RecordState: 'ACTIVE', GeneratorId: 'security-control/S3.5', Compliance: { Status: 'FAILED' } };
    const statuses = controlStatuses([f('PASSED'), byGenerator], defaultComplianceSettings());
    expect(statuses).toMatchObject({ 'S3.8': 'PASSED', 'S3.5': 'FAILED', 'S3.1': 'NO_DATA' });
  });
});
