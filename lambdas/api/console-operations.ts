/**
 * Our own operations the posture console needs beyond Security Hub's model:
 * - `GetFindingGroups` (`POST /findings/groups`): the findings matching `Filters` counted per value
 *   of each of up to 10 group-by attributes in one read (what GetInsightResults computes for a
 *   stored insight, for any filter — the console's "group by" and the summary's breakdowns);
 * - `StartRemediation` (`POST /remediations/start`): starts a finding's playbook (the registry's
 *   pick, or `PlaybookId`), optionally as a dry run or pre-approved, as `sechub remediate` does
 *   through Step Functions; the caller's identity is the record's `requestedBy`.
 */
import { randomUUID } from 'node:crypto';
import { readFinding } from '../wiring/remediation';
import { playbookById } from '../remediation';
import { selectPlaybook } from '../remediation';
import { findingRegionOf, placePlaybook } from '../remediation';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { validateFilters } from '../filters';
import { GroupCounter, validateGroupByAttribute, type GroupByAttribute, type InsightResultValue } from '../triage';
import { findingIdentifier, optionalString, requiredArray } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices } from './operation';
import type { ConsoleServices } from './services';
export type { RemediationStarter } from './services';
export type { ConsoleServices } from './services';

/** Most group-by attributes in one GetFindingGroups call. */
export const MAX_GROUP_BY_ATTRIBUTES = 10;

function consoleServices(services: ApiServices): ConsoleServices {
  if (services.console === undefined) throw new Error('The API was built without console services');
  return services.console;
}

const getFindingGroups = defineOperation<{ Filters?: unknown; GroupByAttributes: string[] }>({
  name: 'GetFindingGroups',
  method: 'POST',
  path: '/findings/groups',
  parse: ({ body }) => ({
    Filters: body.Filters,
    GroupByAttributes: requiredArray(body.GroupByAttributes, 'GroupByAttributes', 1, MAX_GROUP_BY_ATTRIBUTES).map((value, index) =>
      validateGroupByAttribute(typeof value === 'string' ? value : String(value), `GroupByAttributes[${index}]`),
    ),
  }),
  async invoke(input, services) {
    const filters = validateFilters(input.Filters, { path: 'Filters' });
    // Page by page through the planner, one counter per attribute: memory stays the counts, not the findings.
    const counters = input.GroupByAttributes.map((attribute) => new GroupCounter(attribute as GroupByAttribute));
    let total = 0;
    const { plan } = await consoleServices(services).findings.forEachFindingPage(filters, (page) => {
      total += page.length;
      for (const counter of counters) counter.add(page);
    });
    const Groups: Array<{ GroupByAttribute: string; ResultValues: InsightResultValue[] }> = input.GroupByAttributes.map((attribute, index) => ({
      GroupByAttribute: attribute,
      ResultValues: counters[index].top(),
    }));
    return { output: { Groups, Total: total }, log: { plan, matched: total, attributes: input.GroupByAttributes } };
  },
});

const startRemediation = defineOperation<{ FindingIdentifier: { Id: string; ProductArn: string }; PlaybookId?: string; DryRun: boolean; Approved: boolean }>({
  name: 'StartRemediation',
  method: 'POST',
  path: '/remediations/start',
  parse: ({ body }) => ({
    FindingIdentifier: findingIdentifier(body.FindingIdentifier, 'FindingIdentifier'),
    PlaybookId: optionalString(body.PlaybookId, 'PlaybookId'),
    DryRun: optionalBoolean(body.DryRun, 'DryRun'),
    Approved: optionalBoolean(body.Approved, 'Approved'),
  }),
  async invoke(input, services, caller) {
    const { findings, remediations } = consoleServices(services);
    if (remediations === undefined) throw new Error('The API was built without a remediation starter');
    const finding = await readFinding(findings, input.FindingIdentifier);
    if (finding === undefined) throw new ResourceNotFoundError(`No finding ${input.FindingIdentifier.Id} of ${input.FindingIdentifier.ProductArn}.`);
    const playbook = input.PlaybookId !== undefined ? playbookById(input.PlaybookId) : selectPlaybook(finding);
    if (playbook === undefined) {
      throw new InvalidInputError(
        input.PlaybookId !== undefined
          ? `Invalid parameter 'PlaybookId': no playbook ${input.PlaybookId}.`
          : `No playbook remediates finding ${finding.Id} (control ${finding.Compliance?.SecurityControlId ?? '-'}).`,
      );
    }
    const homeArn = Object.hasOwn(remediations.stateMachines, playbook.id) ? remediations.stateMachines[playbook.id] : undefined;
    if (homeArn === undefined) throw new ResourceNotFoundError(`No state machine of playbook ${playbook.id}.`);
    // The finding's Region's playbook stack when one runs there (docs/regions.md), else the home Region's.
    const placement = placePlaybook(homeArn, playbook.id, findingRegionOf(finding), remediations.playbookRegions ?? []);
    const name = `api-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
    const execution = { finding: input.FindingIdentifier, dryRun: input.DryRun, approved: input.Approved, requestedBy: `api:${caller.identity}` };
    let executionArn = await remediations.startExecution(placement.stateMachineArn, name, execution);
    // A Region whose playbook stack is not deployed: the home Region's, whose Check refuses and records why.
    if (executionArn === undefined && placement.regional) executionArn = await remediations.startExecution(homeArn, name, execution);
    if (executionArn === undefined) throw new ResourceNotFoundError(`No state machine of playbook ${playbook.id}: ${homeArn} does not exist.`);
    return {
      output: { RemediationId: name, PlaybookId: playbook.id, ExecutionArn: executionArn, DryRun: input.DryRun },
      log: { remediationId: name, playbookId: playbook.id, dryRun: input.DryRun, requestedBy: caller.identity },
    };
  },
});

function optionalBoolean(value: unknown, path: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidInputError(`Invalid parameter '${path}': expected a boolean.`);
  return value;
}

/** The console's operations, for the operations registry. */
export const CONSOLE_OPERATIONS: readonly ApiOperation[] = [getFindingGroups, startRemediation];
