import { DEFAULT_ALERT_CONFIG, alertConfigFrom, InvalidAlertConfigError, type AlertConfig } from '../../../../lambdas/triage/alerts/config';
import { ALERT_RULES, decideAlert, SUPPRESSION_RULES } from '../../../../lambdas/triage/alerts/policy';
import { PRIORITY_FIELD, PRIORITY_REASONS_FIELD, priorityOf } from '../../../../lambdas/triage/alerts/priority';
import { aChange, created, storedFinding } from '../../../support/alert-changes';

const config: AlertConfig = { ...DEFAULT_ALERT_CONFIG };
const withPriority = (score: string, reasons?: string) => ({ ProductFields: { [PRIORITY_FIELD]: score, ...(reasons && { [PRIORITY_REASONS_FIELD]: reasons }) } });

describe('alert policy: rules that alert', () => {
  it('alerts on a new ACTIVE finding with workflow NEW', () => {
    expect(decideAlert({ finding: storedFinding(), change: created(), config })).toEqual({ alert: true, rule: 'new', reason: { kind: 'new' } });
  });

  it('alerts when the severity label rises', () => {
    const decision = decideAlert({
      finding: storedFinding({ Severity: { Label: 'CRITICAL' } }),
      change: aChange({ updatedFields: ['Severity'], before: { SeverityLabel: 'HIGH' } }),
      config,
    });
    expect(decision).toEqual({ alert: true, rule: 'severity-rose', reason: { kind: 'severity-rose', from: 'HIGH', to: 'CRITICAL' } });
  });

  it('alerts when the priority crosses the threshold upward', () => {
    const finding = storedFinding({ Severity: { Label: 'MEDIUM' }, ...withPriority('82') });
    const decision = decideAlert({ finding, change: aChange({ updatedFields: ['ProductFields'], before: { SeverityLabel: 'MEDIUM', Priority: 55 } }), config });
    expect(decision).toEqual({ alert: true, rule: 'priority-crossed', reason: { kind: 'priority-crossed', from: 55, to: 82, threshold: 70 } });
  });

  it('alerts when the workflow goes back to NEW from RESOLVED', () => {
    const decision = decideAlert({
      finding: storedFinding(),
      change: aChange({ updatedFields: ['Workflow'], before: { WorkflowStatus: 'RESOLVED', SeverityLabel: 'HIGH' } }),
      config,
    });
    expect(decision).toMatchObject({ alert: true, rule: 'reopened', reason: { kind: 'reopened', from: 'RESOLVED' } });
  });

  it('alerts when the workflow goes back to NEW from NOTIFIED', () => {
    const decision = decideAlert({ finding: storedFinding(), change: aChange({ before: { WorkflowStatus: 'NOTIFIED', SeverityLabel: 'HIGH' } }), config });
    expect(decision).toMatchObject({ alert: true, rule: 'reopened', reason: { from: 'NOTIFIED' } });
  });

  it('alerts when a control finding goes from PASSED to FAILED', () => {
    const finding = storedFinding({ Compliance: { Status: 'FAILED' } });
    const decision = decideAlert({ finding, change: aChange({ before: { ComplianceStatus: 'PASSED', WorkflowStatus: 'RESOLVED', SeverityLabel: 'HIGH' } }), config });
    expect(decision).toMatchObject({ alert: true, rule: 'control-failed' });
  });

  it('alerts when an archived finding becomes active again', () => {
    const decision = decideAlert({ finding: storedFinding(), change: aChange({ before: { RecordState: 'ARCHIVED', WorkflowStatus: 'NEW', SeverityLabel: 'HIGH' } }), config });
    expect(decision).toMatchObject({ alert: true, rule: 'reactivated' });
  });

  it("alerts when the app's own update (correlation) raises the priority across the threshold", () => {
    const finding = storedFinding({ Severity: { Label: 'MEDIUM' }, ...withPriority('78') });
    const change = aChange({
      source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' },
      updatedFields: ['ProductFields', 'RelatedFindings'],
      before: { SeverityLabel: 'MEDIUM', Priority: 60 },
    });
    expect(decideAlert({ finding, change, config })).toMatchObject({ alert: true, rule: 'priority-crossed' });
  });

  it('alerts when an automation rule re-applied to a stored finding raises its severity', () => {
    const identity = 'arn:aws:securityhub:us-east-1:111122223333:automation-rule/a1b2c3';
    const change = aChange({ source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: identity }, updatedFields: ['Severity'], before: { SeverityLabel: 'HIGH' } });
    expect(decideAlert({ finding: storedFinding({ Severity: { Label: 'CRITICAL' } }), change, config })).toMatchObject({ alert: true, rule: 'severity-rose' });
  });

  it('alerts on a new finding below the minimum severity when its priority reaches the threshold', () => {
    const decision = decideAlert({ finding: storedFinding({ Severity: { Label: 'LOW' }, ...withPriority('75') }), change: created(), config });
    expect(decision).toMatchObject({ alert: true, rule: 'new' });
  });
});

describe('alert policy: changes that do not alert', () => {
  it('does not alert on a re-import that changed nothing relevant', () => {
    const decision = decideAlert({ finding: storedFinding(), change: aChange({ updatedFields: ['UpdatedAt', 'Description'] }), config });
    expect(decision).toMatchObject({ alert: false, rule: 'nothing-relevant' });
  });

  it('does not alert on archival', () => {
    const decision = decideAlert({ finding: storedFinding({ RecordState: 'ARCHIVED' }), change: aChange({ updatedFields: ['RecordState'] }), config });
    expect(decision).toMatchObject({ alert: false, rule: 'not-active' });
  });

  it('does not alert on a customer update, even one that raises severity or reopens', () => {
    const change = aChange({
      source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'alice' },
      updatedFields: ['Severity', 'Note'],
      before: { SeverityLabel: 'LOW', WorkflowStatus: 'RESOLVED' },
    });
    expect(decideAlert({ finding: storedFinding({ Severity: { Label: 'CRITICAL' } }), change, config })).toMatchObject({ alert: false, rule: 'customer-update' });
  });

  it('does not alert on a new finding that is SUPPRESSED', () => {
    expect(decideAlert({ finding: storedFinding({ Workflow: { Status: 'SUPPRESSED' } }), change: created(), config })).toMatchObject({
      alert: false,
      rule: 'suppressed-or-resolved',
    });
  });

  it('does not alert on a new control finding that passes', () => {
    const finding = storedFinding({ Compliance: { Status: 'PASSED' } });
    expect(decideAlert({ finding, change: created(), config })).toMatchObject({ alert: false, rule: 'control-passed' });
  });

  it('does not alert below the minimum severity without a priority at the threshold', () => {
    expect(decideAlert({ finding: storedFinding({ Severity: { Label: 'MEDIUM' }, ...withPriority('69') }), change: created(), config })).toMatchObject({
      alert: false,
      rule: 'below-threshold',
    });
  });

  it('does not alert when the severity falls', () => {
    const decision = decideAlert({ finding: storedFinding({ Severity: { Label: 'HIGH' } }), change: aChange({ before: { SeverityLabel: 'CRITICAL' } }), config });
    expect(decision).toMatchObject({ alert: false, rule: 'nothing-relevant' });
  });

  it('does not count a priority seen for the first time as a crossing', () => {
    const decision = decideAlert({ finding: storedFinding({ ...withPriority('90') }), change: aChange({ before: { SeverityLabel: 'HIGH' } }), config });
    expect(decision).toMatchObject({ alert: false, rule: 'nothing-relevant' });
  });

  it('does not alert when the priority rises but stays below the threshold', () => {
    const finding = storedFinding({ ...withPriority('65') });
    expect(decideAlert({ finding, change: aChange({ before: { SeverityLabel: 'HIGH', Priority: 30 } }), config })).toMatchObject({ alert: false });
  });
});

describe('alert policy: thresholds', () => {
  it('lets MEDIUM findings alert when the minimum severity is MEDIUM', () => {
    const finding = storedFinding({ Severity: { Label: 'MEDIUM' } });
    expect(decideAlert({ finding, change: created(), config: { ...config, minimumSeverity: 'MEDIUM' } })).toMatchObject({ alert: true });
    expect(decideAlert({ finding, change: created(), config })).toMatchObject({ alert: false });
  });

  it('moves the priority threshold with configuration', () => {
    const finding = storedFinding({ Severity: { Label: 'LOW' }, ...withPriority('50') });
    expect(decideAlert({ finding, change: created(), config: { ...config, priorityThreshold: 50 } })).toMatchObject({ alert: true });
    expect(decideAlert({ finding, change: created(), config })).toMatchObject({ alert: false });
  });

  it('reads the configuration from the environment, with documented defaults', () => {
    expect(alertConfigFrom({})).toEqual({ minimumSeverity: 'HIGH', priorityThreshold: 70, groupWindowMinutes: 60 });
    expect(alertConfigFrom({ ALERT_MINIMUM_SEVERITY: 'LOW', ALERT_PRIORITY_THRESHOLD: '40', ALERT_GROUP_WINDOW_MINUTES: '15' })).toEqual({
      minimumSeverity: 'LOW',
      priorityThreshold: 40,
      groupWindowMinutes: 15,
    });
  });

  it('names the variable of an invalid setting', () => {
    expect(() => alertConfigFrom({ ALERT_MINIMUM_SEVERITY: 'SEVERE' })).toThrow(InvalidAlertConfigError);
    expect(() => alertConfigFrom({ ALERT_PRIORITY_THRESHOLD: '101' })).toThrow(/ALERT_PRIORITY_THRESHOLD='101'/);
    expect(() => alertConfigFrom({ ALERT_GROUP_WINDOW_MINUTES: 'soon' })).toThrow(/ALERT_GROUP_WINDOW_MINUTES/);
  });

  it('has unique rule ids', () => {
    const ids = [...SUPPRESSION_RULES, ...ALERT_RULES].map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('priority accessor', () => {
  it('reads the score and JSON or separated reasons', () => {
    expect(priorityOf(withPriority('85', '["internet-exposed","exploit available"]'))).toEqual({ score: 85, reasons: ['internet-exposed', 'exploit available'] });
    expect(priorityOf(withPriority('40', 'tag criticality=high; 2 findings on resource'))).toEqual({ score: 40, reasons: ['tag criticality=high', '2 findings on resource'] });
  });

  it('treats a missing or invalid score as absent, not 0', () => {
    expect(priorityOf({})).toEqual({ reasons: [] });
    expect(priorityOf(withPriority('high'))).toEqual({ reasons: [] });
    expect(priorityOf(withPriority('140'))).toEqual({ reasons: [] });
  });
});
