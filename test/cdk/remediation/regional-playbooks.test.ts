import { Match, Template } from 'aws-cdk-lib/assertions';
import { addRegionalPlaybooks } from '../../../lib/deployment-app';
import { PLAYBOOKS, regionalPlaybookName } from '../../../lambdas/remediation';
import { PACKS, wholeStack } from '../whole-stack';
import { testApp } from '../synth';

const TABLE = 'OpenSecurityHub-FindingsStoreTable1A2B3C4D-XYZ';
const KEY = 'arn:aws:kms:us-east-1:999988887777:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const CONFIG = { homeRegion: 'us-east-1', linkedRegions: ['us-east-1', 'eu-west-1'], organizationId: 'o-abc123def4' };

function regionalStacks(context: Record<string, unknown> = { findingsTableName: TABLE, findingsKeyArn: KEY }) {
  const app = testApp(context);
  const stacks = addRegionalPlaybooks(app, CONFIG);
  return { app, stacks };
}

/** A linked Region's playbook stack, as bin/app.ts adds it once the admin stack's outputs are given. */
describe('RegionalPlaybooksStack', () => {
  const { stacks } = regionalStacks();
  const template = Template.fromStack(stacks[0]);

  it('is one stack per linked Region but the home one, deployed in that Region', () => {
    expect(stacks.map((stack) => [stack.stackName, stack.region])).toEqual([['OpenSecurityHubPlaybooks-eu-west-1', 'eu-west-1']]);
    expect(regionalStacks({}).stacks).toEqual([]); // without the admin stack's outputs: none yet
  });

  it("runs every registry playbook under its known name, logged to the stack's own KMS key", () => {
    for (const playbook of PLAYBOOKS) {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: regionalPlaybookName(playbook.id),
        LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
        TracingConfiguration: { Enabled: true },
      });
    }
    template.resourceCountIs('AWS::StepFunctions::StateMachine', PLAYBOOKS.length);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it("gives Check / Record / Approval the home Region's table and bus, and leaves the reminders to the home Region", () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({ FINDINGS_TABLE: TABLE, EVENT_BUS_NAME: 'OpenSecurityHub-ingestion', HOME_REGION: 'us-east-1' });
    }
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  it("grants the functions the home table, its indexes and key, and the home bus — nothing of this Region's data", () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
    const resourcesOf = (action: string) => statements.filter((statement) => [statement.Action].flat().includes(action)).map((statement) => JSON.stringify(statement.Resource));
    const table = `dynamodb:us-east-1:",{"Ref":"AWS::AccountId"},":table/${TABLE}`;
    expect(resourcesOf('dynamodb:PutItem').length).toBe(3);
    for (const resource of resourcesOf('dynamodb:PutItem')) expect(resource).toContain(table);
    expect(resourcesOf('kms:Decrypt')).toEqual([JSON.stringify(KEY), JSON.stringify(KEY), JSON.stringify(KEY)]);
    for (const resource of resourcesOf('events:PutEvents')) expect(resource).toContain('events:us-east-1:');
    expect(resourcesOf('events:PutEvents').length).toBe(3);
  });

  it.each(Object.keys(PACKS) as Array<keyof typeof PACKS>)('leaves no %s finding unacknowledged', (pack) => {
    expect(
      PACKS[pack]()
        .validateScope(stacks[0])
        .violations.map((violation) => `${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
  });

  it('refuses a configuration without homeRegion, naming the key', () => {
    expect(() => addRegionalPlaybooks(testApp({ findingsTableName: TABLE, findingsKeyArn: KEY }), { linkedRegions: ['eu-west-1'] })).toThrow(/^homeRegion: required/);
  });
});

describe("the admin stack with linked Regions' playbooks", () => {
  it('tells the dispatcher and the API which Regions run playbooks, and lets them start and answer only those known state machines', () => {
    const template = Template.fromJSON(wholeStack().template);
    const dispatcher = Object.values(template.findResources('AWS::Lambda::Function')).find((fn) => fn.Properties.Environment?.Variables?.REMEDIATION_PLAYBOOK_REGIONS);
    expect(dispatcher?.Properties.Environment.Variables.REMEDIATION_PLAYBOOK_REGIONS).toBe('eu-central-1,ap-southeast-2');
    const regional = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    for (const region of ['eu-central-1', 'ap-southeast-2'])
      for (const playbook of PLAYBOOKS) expect(regional).toContain(`:states:${region}:",{"Ref":"AWS::AccountId"},":stateMachine:${regionalPlaybookName(playbook.id)}`);
  });
});
