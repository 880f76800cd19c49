import type { PlaybookExecutionInput } from '../../../lambdas/remediation/contract';
import { dispatchCustomAction, type DispatchDependencies } from '../../../lambdas/remediation/dispatch';
import { findingRegionOf, placePlaybook, playbookRegionsFrom, regionalPlaybookName, stepFunctionsRegionOf } from '../../../lambdas/remediation/regions';
import { defaultRemediationSettings } from '../../../lambdas/remediation/settings';
import type { RemediationRecordRepository } from '../../../lambdas/remediation/state/record-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { aFinding } from '../../support/findings';

const HOME = 'arn:aws:states:us-east-1:999988887777:stateMachine:OpenSecurityHub-RemediationS3BlockPublicAccessABC';
const REMEDIATE = 'arn:aws:securityhub:us-east-1:111122223333:action/custom/Remediate';

describe('stepFunctionsRegionOf', () => {
  it("reads the Region of a state machine's or an execution's ARN, and nothing from what names none", () => {
    expect(stepFunctionsRegionOf(HOME)).toBe('us-east-1');
    expect(stepFunctionsRegionOf('arn:aws:states:eu-west-1:999988887777:execution:OpenSecurityHub-Playbook-x:run-1')).toBe('eu-west-1');
    expect(stepFunctionsRegionOf('')).toBeUndefined();
    expect(stepFunctionsRegionOf('arn:aws:states::999988887777:stateMachine:x')).toBeUndefined();
  });
});

describe('placePlaybook', () => {
  it("names the regional stack's state machine of the finding's Region, same partition and account", () => {
    expect(placePlaybook(HOME, 's3-block-public-access', 'eu-west-1', ['eu-west-1'])).toEqual({
      stateMachineArn: `arn:aws:states:eu-west-1:999988887777:stateMachine:${regionalPlaybookName('s3-block-public-access')}`,
      region: 'eu-west-1',
      regional: true,
    });
  });

  it('keeps the home state machine for the home Region, an unlinked Region, or no Region', () => {
    const home = { stateMachineArn: HOME, region: 'us-east-1', regional: false };
    expect(placePlaybook(HOME, 'x', 'us-east-1', ['us-east-1', 'eu-west-1'])).toEqual(home);
    expect(placePlaybook(HOME, 'x', 'ap-south-1', ['eu-west-1'])).toEqual(home);
    expect(placePlaybook(HOME, 'x', undefined, ['eu-west-1'])).toEqual(home);
  });
});

describe('playbookRegionsFrom and findingRegionOf', () => {
  it('parses the comma-separated Regions and refuses a malformed one, naming it', () => {
    expect(playbookRegionsFrom(undefined)).toEqual([]);
    expect(playbookRegionsFrom(' eu-west-1, us-west-2 ,')).toEqual(['eu-west-1', 'us-west-2']);
    expect(() => playbookRegionsFrom('eu-west-1,moon')).toThrow("REMEDIATION_PLAYBOOK_REGIONS: 'moon' is not a Region name");
  });

  it("takes the finding's Region, else its product ARN's", () => {
    expect(findingRegionOf({ Region: 'eu-west-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub' })).toBe('eu-west-1');
    expect(findingRegionOf({ ProductArn: 'arn:aws:securityhub:ap-south-1::product/aws/securityhub' })).toBe('ap-south-1');
    expect(findingRegionOf({ Region: 'not a region', ProductArn: 'nope' })).toBeUndefined();
  });
});

describe("the dispatcher starts the playbook in the finding's Region", () => {
  function harness(deployed: (arn: string) => boolean) {
    const calls: Array<{ arn: string; input: PlaybookExecutionInput }> = [];
    const deps: DispatchDependencies = {
      stateMachines: { 's3-block-public-access': HOME },
      playbookRegions: ['eu-west-1'],
      startExecution: async (arn, _name, input) => {
        calls.push({ arn, input });
        return deployed(arn) ? 'started' : 'missing';
      },
      settings: async () => defaultRemediationSettings(),
      accountsInOu: async () => [],
      records: {} as RemediationRecordRepository, // the Remediate action reads no records
      now: () => new Date('2026-12-08T05:00:00Z'),
    };
    return { deps, calls };
  }
  const event = (finding: Partial<AwsSecurityFinding>) => ({
    id: 'event-1',
    resources: [REMEDIATE],
    detail: {
      actionName: 'Remediate',
      actionDescription: '',
      findings: [aFinding({ Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' }, ...finding } as Partial<AwsSecurityFinding>)],
    },
  });
  const regional = `arn:aws:states:eu-west-1:999988887777:stateMachine:${regionalPlaybookName('s3-block-public-access')}`;

  it("runs a linked Region's finding in that Region's playbook stack, with only the finding's identifier as input", async () => {
    const { deps, calls } = harness(() => true);
    const [outcome] = await dispatchCustomAction(event({ Region: 'eu-west-1' }), deps);
    expect(outcome).toMatchObject({ action: 'started', playbookId: 's3-block-public-access', region: 'eu-west-1' });
    expect(calls.map((call) => call.arn)).toEqual([regional]);
    expect(calls[0].input.finding).toEqual({ Id: 'finding-1', ProductArn: aFinding().ProductArn });
  });

  it('runs a home Region finding, and one of a Region without a playbook stack, in the home Region', async () => {
    const { deps, calls } = harness(() => true);
    await dispatchCustomAction(event({ Region: 'us-east-1' }), deps);
    await dispatchCustomAction(event({ Region: 'ap-south-1' }), deps);
    expect(calls.map((call) => call.arn)).toEqual([HOME, HOME]);
  });

  it("falls back to the home Region (whose Check refuses, recording why) when the Region's stack is not deployed", async () => {
    const { deps, calls } = harness((arn) => arn === HOME);
    const [outcome] = await dispatchCustomAction(event({ Region: 'eu-west-1' }), deps);
    expect(calls.map((call) => call.arn)).toEqual([regional, HOME]);
    expect(outcome).toMatchObject({ action: 'started', region: 'us-east-1', detail: 'no playbook stack in eu-west-1: started in the home Region' });
  });

  it('reports a missing home state machine instead of starting nothing silently', async () => {
    const { deps } = harness(() => false);
    const [outcome] = await dispatchCustomAction(event({ Region: 'us-east-1' }), deps);
    expect(outcome).toMatchObject({ action: 'no-state-machine', detail: `${HOME} does not exist` });
  });
});
