/**
 * AutoEnableControls (UpdateSecurityHubConfiguration): with it false, a control added to an enabled
 * standard after the standard was enabled is DISABLED in it until enabled by hand; true (the
 * default) runs it. Pure: the rule on the settings, the status and evaluation that follow from it.
 */
import { controlStatuses, isControlEnabled } from '../../../lambdas/compliance/control-status';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import { evaluateItem } from '../../../lambdas/compliance/evaluate';
import { type ComplianceSettings, knownControlsOf, withAutoEnableControls, withStandardsEnabled } from '../../../lambdas/compliance/settings';
import type { StandardId } from '../../../lambdas/compliance/standards';
import { NOT_AUTO_ENABLED, associationState, awaitsEnabling, withAssociation } from '../../../lambdas/compliance/standards-associations';
import { configItem } from '../../support/fixtures';

const NIST: StandardId = 'nist-800-53/v/5.0.0';
const AT = '2026-11-01T00:00:00.000Z';
const LATER = '2026-11-02T00:00:00.000Z';
const KMS4 = CONTROLS.find((control) => control.id === 'KMS.4')!;
/** The catalogue as it was when NIST was enabled: without KMS.4 (added to the standard since). */
const before = CONTROLS.filter((control) => control.id !== 'KMS.4');

/** NIST enabled when the catalogue lacked KMS.4 (KMS.4 is in no other enabled standard), AutoEnableControls as given. */
function settings(autoEnable: boolean): ComplianceSettings {
  const enabled = withStandardsEnabled({ enabledStandards: [], controls: {} }, [NIST], AT, before);
  return autoEnable ? enabled : { ...enabled, autoEnableControls: false };
}

it('records the controls a standard has when it is enabled, and keeps the record of a standard already enabled', () => {
  const enabled = withStandardsEnabled({ enabledStandards: [], controls: {} }, [NIST], AT, before);
  expect(enabled.knownControls?.[NIST]).toEqual(knownControlsOf([NIST], before)[NIST]);
  expect(enabled.knownControls?.[NIST]).not.toContain('KMS.4');
  expect(enabled.standardsEnabledAt).toEqual({ [NIST]: AT });
  const again = withStandardsEnabled(enabled, [NIST], LATER);
  expect(again.knownControls?.[NIST]).toEqual(enabled.knownControls?.[NIST]);
  expect(again.standardsEnabledAt).toEqual({ [NIST]: AT });
});

it('with AutoEnableControls false, a control new in the standard is DISABLED: status, association, evaluation', () => {
  const off = settings(false);

  expect(awaitsEnabling(KMS4, NIST, off)).toBe(true);
  expect(associationState(KMS4, NIST, off)).toEqual({ status: 'DISABLED', reason: NOT_AUTO_ENABLED, updatedAt: AT });
  expect(isControlEnabled(KMS4, off)).toBe(false);
  expect(controlStatuses([], off)['KMS.4']).toBe('DISABLED');
  // A control the standard had when enabled runs.
  expect(controlStatuses([], off)['IAM.1']).toBe('NO_DATA');
  const verdicts = evaluateItem({ item: configItem('kms/key-not-rotating'), related: () => [], settings: off, now: new Date(LATER) });
  expect(verdicts.find((entry) => entry.controlId === 'KMS.4')).toMatchObject({ enabled: false });
});

it('with AutoEnableControls true (the default), the new control runs', () => {
  const on = settings(true);
  expect(awaitsEnabling(KMS4, NIST, on)).toBe(false);
  expect(associationState(KMS4, NIST, on).status).toBe('ENABLED');
  expect(controlStatuses([], on)['KMS.4']).toBe('NO_DATA');
});

it('enabling the control by hand runs it, and that designation holds', () => {
  const enabled = withAssociation(settings(false), KMS4, NIST, { enabled: true }, LATER);
  expect(associationState(KMS4, NIST, enabled)).toEqual({ status: 'ENABLED', updatedAt: LATER });
  expect(isControlEnabled(KMS4, enabled)).toBe(true);
});

it('turning AutoEnableControls on enables the waiting controls; turned off again, only controls added after that wait', () => {
  const on = withAutoEnableControls(settings(false), true);
  expect(on.autoEnableControls).toBe(true);
  expect(isControlEnabled(KMS4, on)).toBe(true);

  const offAgain = withAutoEnableControls(on, false);
  expect(isControlEnabled(KMS4, offAgain)).toBe(true);
  expect(offAgain.knownControls?.[NIST]).toContain('KMS.4');
  // Setting the value it already has changes nothing.
  expect(withAutoEnableControls(offAgain, false)).toBe(offAgain);
});

it('without a record for a standard (settings written before records), every control is known', () => {
  const { knownControls: _, ...unrecorded } = settings(false);
  expect(awaitsEnabling(KMS4, NIST, unrecorded)).toBe(false);
});
