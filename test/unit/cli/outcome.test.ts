import { EXIT_FAILED_RESULT, findCommand } from '../../../bin/cli/commands';

describe('exit code of a waited run', () => {
  it.each(['start-compliance-evaluation', 'remediate'])('%s --wait: 1 when the execution ended FAILED, TIMED_OUT or ABORTED; 0 otherwise', (name) => {
    const outcome = findCommand(name)!.outcome!;
    for (const status of ['FAILED', 'TIMED_OUT', 'ABORTED'])
      expect(outcome({ status, error: 'States.TaskFailed' }, {})).toEqual({ code: EXIT_FAILED_RESULT, message: `The run ended ${status} (States.TaskFailed).` });
    for (const status of ['SUCCEEDED', 'RUNNING', 'AWAITING_APPROVAL']) expect(outcome({ status }, {})).toBeUndefined();
    expect(outcome({ executionArn: 'arn' }, {})).toBeUndefined();
  });

  it('remediate: 1 when the remediation record says FAILED, though the execution succeeded; REJECTED and SKIPPED are outcomes, not failures', () => {
    const outcome = findCommand('remediate')!.outcome!;
    expect(outcome({ status: 'SUCCEEDED', remediation: { status: 'FAILED' } }, {})).toEqual({ code: 1, message: 'The run ended FAILED.' });
    for (const status of ['REJECTED', 'SKIPPED', 'NO_OP', 'DRY_RUN', 'SUCCEEDED']) expect(outcome({ status: 'SUCCEEDED', remediation: { status } }, {})).toBeUndefined();
  });
});
