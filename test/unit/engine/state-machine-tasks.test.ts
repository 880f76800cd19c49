import { prepareDefinition, unwrapTaskInput } from '../../../lib/local/engine';

const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const definition = (state: Record<string, unknown>) => ({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Task', Resource: CALLBACK, Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } }, End: true, ...state } },
});

describe('callback task timeouts on the embedded default', () => {
  it('resolves a TimeoutSecondsPath on the state input with the Parameters, as Step Functions does, and leaves no fixed timeout in its way', () => {
    const prepared = prepareDefinition(definition({ TimeoutSecondsPath: '$.check.approvalTimeoutSeconds' }), () => false);
    const state = prepared.States.Wait as Record<string, unknown>;

    expect(state).not.toHaveProperty('TimeoutSecondsPath');
    expect(state.TimeoutSeconds).toBeGreaterThan(86_400 * 7); // the executor's own timer never fires first
    expect(state.Parameters).toMatchObject({ '__timeoutSeconds.$': '$.check.approvalTimeoutSeconds' });
  });

  it('hands the resolved timeout to the token wait, and refuses one that is no positive integer', () => {
    expect(unwrapTaskInput({ __parameters: { FunctionName: 'f' }, __timeoutSeconds: 3 })).toEqual({ parameters: { FunctionName: 'f' }, timeoutSeconds: 3 });
    expect(() => unwrapTaskInput({ __parameters: {}, __timeoutSeconds: '3' })).toThrow('TimeoutSecondsPath resolved to "3": expected a positive integer');
    expect(() => unwrapTaskInput({ __parameters: {}, __timeoutSeconds: 0 })).toThrow('expected a positive integer');
  });

  it('keeps a fixed TimeoutSeconds as it is', () => {
    const prepared = prepareDefinition(definition({ TimeoutSeconds: 60 }), () => false);
    expect((prepared.States.Wait as Record<string, unknown>).TimeoutSeconds).toBe(60);
  });
});
