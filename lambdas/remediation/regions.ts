/**
 * Playbooks in the finding's Region (docs/regions.md): Step Functions' AWS SDK integrations call
 * only their own Region, so each linked Region with a playbook stack
 * (lib/regional-playbooks-stack.ts) runs the same playbooks under KNOWN names, and whatever starts
 * a playbook picks the state machine of the finding's Region. A Region without one: the home
 * Region's state machine, whose Check refuses a resource elsewhere with its reason. No SDK.
 */
import { isRegion, productArnLocation } from './resource-targets';

/** Environment variable of the dispatcher: the linked Regions with a playbook stack, comma-separated (`eu-west-1,us-west-2`). */
export const REMEDIATION_PLAYBOOK_REGIONS_ENV = 'REMEDIATION_PLAYBOOK_REGIONS';

/** The name of a playbook's state machine in a regional playbook stack (fixed, so the home Region addresses it without a lookup). */
export function regionalPlaybookName(playbookId: string): string {
  return `OpenSecurityHub-Playbook-${playbookId}`;
}

/** Parses {@link REMEDIATION_PLAYBOOK_REGIONS_ENV}: absent or empty is none; a malformed Region name throws, naming it. */
export function playbookRegionsFrom(value: string | undefined): string[] {
  const regions = (value ?? '')
    .split(',')
    .map((region) => region.trim())
    .filter((region) => region !== '');
  const bad = regions.find((region) => !isRegion(region));
  if (bad !== undefined) throw new Error(`${REMEDIATION_PLAYBOOK_REGIONS_ENV}: '${bad}' is not a Region name`);
  return regions;
}

/** The Region a finding names (its `Region`, else its product ARN's); undefined when neither is a Region. */
export function findingRegionOf(finding: unknown): string | undefined {
  const candidate = finding as { Region?: unknown; ProductArn?: unknown } | null;
  if (isRegion(candidate?.Region)) return candidate.Region;
  return typeof candidate?.ProductArn === 'string' ? productArnLocation(candidate.ProductArn)?.region : undefined;
}

/** The Region a Step Functions ARN names (`arn:aws:states:<region>:…`, a state machine's or an execution's); undefined when it names none. */
export function stepFunctionsRegionOf(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

const STATE_MACHINE_ARN = /^arn:([\w-]+):states:([a-z0-9-]+):(\d{12}):stateMachine:[A-Za-z0-9_-]{1,80}$/;

/** Where a playbook runs: the state machine ARN and its Region, and whether it is a regional stack's. */
export interface PlaybookPlacement {
  stateMachineArn: string;
  region: string;
  regional: boolean;
}

/**
 * The state machine that runs `playbookId` for a finding of `findingRegion`: the regional stack's
 * (same partition and account as the home one, {@link regionalPlaybookName}) when that Region is in
 * `playbookRegions` and is not the home Region; else the home Region's `homeArn`.
 */
export function placePlaybook(homeArn: string, playbookId: string, findingRegion: string | undefined, playbookRegions: readonly string[]): PlaybookPlacement {
  const match = STATE_MACHINE_ARN.exec(homeArn);
  const home: PlaybookPlacement = { stateMachineArn: homeArn, region: match?.[2] ?? '', regional: false };
  if (match === null || findingRegion === undefined || findingRegion === match[2] || !playbookRegions.includes(findingRegion)) return home;
  const [, partition, , account] = match;
  return { stateMachineArn: `arn:${partition}:states:${findingRegion}:${account}:stateMachine:${regionalPlaybookName(playbookId)}`, region: findingRegion, regional: true };
}
