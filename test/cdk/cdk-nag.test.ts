import { wholeStack } from './whole-stack';

/** The app as bin/app.ts wires it (the stack plus the AwsSolutions pack as a validation plugin), synthesized once per run by ./whole-stack. */
describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings on synth', () => {
    const { reportViolations } = wholeStack(); // the synth throws on unacknowledged errors

    expect(reportViolations).toEqual([]);
  });

  it('finds no violation left when the pack walks the tree itself', () => {
    const { treeViolations } = wholeStack();

    expect(treeViolations).toEqual([]);
  });
});
