import { PACKS, wholeStack } from './whole-stack';

/**
 * The app as bin/app.ts wires it (the admin stack with the member StackSets, both cdk-nag packs as
 * validation plugins), synthesized once per run by ./whole-stack. The member templates are
 * synthesized inside it with both packs too (lib/member-templates.ts): their findings fail that synth.
 */
describe.each(Object.keys(PACKS) as Array<keyof typeof PACKS>)('cdk-nag %s', (pack) => {
  it('reports no unacknowledged errors or warnings on synth', () => {
    const { packs } = wholeStack(); // the synth throws on unacknowledged errors

    expect(packs[pack].reportViolations).toEqual([]);
  });

  it('finds no violation left when the pack walks the tree itself', () => {
    const { packs } = wholeStack();

    expect(packs[pack].treeViolations).toEqual([]);
  });
});

describe('cdk-nag acknowledgements', () => {
  it('give every acknowledged rule a reason of its own (a sentence, not a placeholder)', () => {
    const { acknowledgements } = wholeStack();

    expect(acknowledgements.length).toBeGreaterThan(0);
    expect(acknowledgements.filter((ack) => ack.reason.trim().length < 40)).toEqual([]);
  });

  it('acknowledge rules of both packs (and the CloudFormation validator), each id naming its pack', () => {
    const { acknowledgements } = wholeStack();
    const packOf = (id: string) =>
      id
        .replace(/^Annotation::/, '')
        .replace(/-[A-Za-z0-9]+(\[.*)?$/, '')
        .replace(/::.*$/, '');

    expect([...new Set(acknowledgements.map((ack) => packOf(ack.id)))].sort()).toEqual([...Object.keys(PACKS), 'CloudFormation-Validate'].sort());
  });
});
