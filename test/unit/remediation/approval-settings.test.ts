import { approvalPlan, durationText, mayApprove, validateApprovalSettings } from '../../../lambdas/remediation/approval-settings';
import { validateRemediationSettings } from '../../../lambdas/remediation/settings';

describe('approval settings', () => {
  it('waits 24 h by default and reminds at half-time and 1 h before', () => {
    expect(approvalPlan(undefined)).toEqual({ timeoutSeconds: 86_400, reminderOffsets: [43_200, 82_800], approvers: [] });
  });

  it('keeps only reminders inside a short wait, once each', () => {
    expect(approvalPlan({ timeoutSeconds: 7_200 }).reminderOffsets).toEqual([3_600]); // half-time and 1 h before coincide
    expect(approvalPlan({ timeoutSeconds: 600 }).reminderOffsets).toEqual([300]); // 1 h before is before the wait
  });

  it('refuses a timeout past 7 days, a reminder not inside the wait and unknown members, naming the member', () => {
    expect(() => validateApprovalSettings({ timeoutSeconds: 604_801 })).toThrow(
      "Invalid parameter 'Settings.approval.timeoutSeconds': expected an integer from 1 to 604800 (7 days).",
    );
    expect(() => validateApprovalSettings({ timeoutSeconds: 60, reminderSecondsBeforeTimeout: [30, 60] })).toThrow(
      "Invalid parameter 'Settings.approval.reminderSecondsBeforeTimeout[1]'",
    );
    expect(() => validateApprovalSettings({ approvers: [''] })).toThrow("Invalid parameter 'Settings.approval.approvers[0]'");
    expect(() => validateApprovalSettings({ timeout: 60 })).toThrow("Invalid parameter 'Settings.approval.timeout': unknown member");
    expect(() => validateRemediationSettings({ approval: 'soon' }, [])).toThrow("Invalid parameter 'Settings.approval': expected an object.");
  });

  it('is part of the remediation settings', () => {
    expect(validateRemediationSettings({ approval: { timeoutSeconds: 3_600, approvers: ['alice'] } }, []).approval).toEqual({ timeoutSeconds: 3_600, approvers: ['alice'] });
  });

  it('lets the named approvers decide (a trailing * matches a prefix), and anyone when none are named', () => {
    const plan = approvalPlan({ approvers: ['alice', 'arn:aws:iam::111122223333:role/SecOps*'] });
    expect(['alice', 'arn:aws:iam::111122223333:role/SecOpsOnCall', 'bob', 'arn:aws:iam::111122223333:role/Dev'].map((who) => mayApprove(plan, who))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(mayApprove(approvalPlan(undefined), 'bob')).toBe(true);
  });

  it('says durations as a responder reads them', () => {
    expect([86_400, 5_400, 45].map(durationText)).toEqual(['24 h', '90 min', '45 s']);
  });
});
