import type { ControlStatus } from '../../../lambdas/compliance/control-status';
import type { ControlDefinition } from '../../../lambdas/compliance/controls/types';
import { compareScores, scoreOf, securityScores } from '../../../lambdas/compliance/scores';
import type { StandardId } from '../../../lambdas/compliance/standards';

const FSBP: StandardId = 'aws-foundational-security-best-practices/v/1.0.0';
const CIS: StandardId = 'cis-aws-foundations-benchmark/v/3.0.0';
const control = (id: string, ...standards: StandardId[]) => ({ id, standards: standards.map((standard) => ({ standard, requirements: [] })) }) as unknown as ControlDefinition;
const repeat = (status: ControlStatus, n: number): ControlStatus[] => Array.from({ length: n }, () => status);

// Rules: Security Hub user guide, "Calculating security scores" / "Reviewing details of a standard":
// passed controls ÷ enabled controls with data, as a percentage rounded to a whole number.
describe('scoreOf', () => {
  it('divides PASSED by PASSED + FAILED, rounded to a whole percentage', () => {
    // 2 passed of 3 with data: 66.7 % shows as 67.
    expect(scoreOf(['PASSED', 'PASSED', 'FAILED'])).toMatchObject({ score: 67, passed: 2, failed: 1 });
  });

  it('leaves controls with no data, unknown or disabled out of the score', () => {
    const statuses: ControlStatus[] = [...repeat('PASSED', 150), ...repeat('FAILED', 50), ...repeat('NO_DATA', 30), ...repeat('UNKNOWN', 10), ...repeat('DISABLED', 20)];
    expect(scoreOf(statuses)).toEqual({ score: 75, passed: 150, failed: 50, unknown: 10, noData: 30, disabled: 20 });
  });

  it('has no score when no control has data', () => {
    expect(scoreOf(['NO_DATA', 'UNKNOWN', 'DISABLED']).score).toBeNull();
  });
});

describe('securityScores', () => {
  const catalogue = [control('A.1', FSBP, CIS), control('A.2', FSBP), control('A.3', CIS), control('A.4', FSBP), control('P.1', 'pci-dss/v/3.2.1')];

  it('scores each enabled standard over its own controls', () => {
    const scores = securityScores({ 'A.1': 'PASSED', 'A.2': 'FAILED', 'A.3': 'FAILED', 'A.4': 'NO_DATA', 'P.1': 'FAILED' }, [FSBP, CIS], catalogue);
    expect(scores.standards).toEqual([
      { standard: FSBP, score: 50, passed: 1, failed: 1, unknown: 0, noData: 1, disabled: 0 },
      { standard: CIS, score: 50, passed: 1, failed: 1, unknown: 0, noData: 0, disabled: 0 },
    ]);
  });

  it('counts a control in several enabled standards once in the summary, and ignores disabled standards', () => {
    const scores = securityScores({ 'A.1': 'PASSED', 'A.2': 'FAILED', 'A.3': 'FAILED', 'A.4': 'PASSED', 'P.1': 'FAILED' }, [FSBP, CIS], catalogue);
    // A.1 passes in both standards but is one control: 2 passed (A.1, A.4) of 4 with data.
    expect(scores.summary).toMatchObject({ score: 50, passed: 2, failed: 2 });
  });
});

describe('compareScores', () => {
  const snapshot = (controls: Record<string, ControlStatus>) => ({ controls, scores: securityScores(controls, [FSBP], [control('A.1', FSBP), control('A.2', FSBP)]) });

  it('reports control status and score changes, and nothing when nothing changed', () => {
    const before = snapshot({ 'A.1': 'PASSED', 'A.2': 'FAILED' });
    const after = snapshot({ 'A.1': 'PASSED', 'A.2': 'PASSED' });
    expect(compareScores(before, after)).toEqual({
      scores: [
        { scope: 'summary', previous: 50, current: 100 },
        { scope: FSBP, previous: 50, current: 100 },
      ],
      controls: [{ controlId: 'A.2', previous: 'FAILED', current: 'PASSED' }],
    });
    expect(compareScores(after, after)).toEqual({ scores: [], controls: [] });
  });

  it('treats the first snapshot as a change from no data', () => {
    const changes = compareScores(undefined, snapshot({ 'A.1': 'PASSED', 'A.2': 'NO_DATA' }));
    expect(changes.controls).toEqual([{ controlId: 'A.1', previous: 'NO_DATA', current: 'PASSED' }]);
    expect(changes.scores).toContainEqual({ scope: 'summary', previous: null, current: 100 });
  });
});
