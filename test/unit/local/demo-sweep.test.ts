import { sweepOrganization, type DemoEnvironment } from '../../../lib/local/demo/loader';

/** The parts of the demo's environment a sweep uses: the sweep's outcomes in order, and idle. */
function environment(outcomes: Array<Error | undefined>) {
  const calls: string[] = [];
  const env = {
    async runSweep() {
      calls.push('sweep');
      const outcome = outcomes.shift();
      if (outcome !== undefined) throw outcome;
    },
    async idle() {
      calls.push('idle');
    },
  } as unknown as DemoEnvironment;
  return { env, calls };
}

describe('the demo load sweeps the organization and never builds its history on a failed sweep', () => {
  it('waits for the sweep, then for what it wrote to settle', async () => {
    const { env, calls } = environment([undefined]);
    const progress: string[] = [];
    await sweepOrganization(env, (message) => progress.push(message));
    expect(calls).toEqual(['sweep', 'idle']);
    expect(progress).toEqual([]);
  });

  it('runs a failed sweep once more, saying why', async () => {
    const { env, calls } = environment([new Error('The compliance sweep FAILED: States.Timeout'), undefined]);
    const progress: string[] = [];
    await sweepOrganization(env, (message) => progress.push(message));
    expect(calls).toEqual(['sweep', 'idle', 'sweep', 'idle']);
    expect(progress).toEqual(['The compliance sweep FAILED: States.Timeout; running it again']);
  });

  it('fails the load when the sweep fails twice', async () => {
    const { env } = environment([new Error('first'), new Error('The compliance sweep FAILED: AccessDeniedException')]);
    await expect(sweepOrganization(env, () => undefined)).rejects.toThrow('The compliance sweep FAILED: AccessDeniedException');
  });
});
