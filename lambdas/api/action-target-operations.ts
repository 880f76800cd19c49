/**
 * Custom actions in the Security Hub–compatible API: CreateActionTarget, DescribeActionTargets,
 * UpdateActionTarget, DeleteActionTarget with the methods, paths, members, limits and errors of
 * `@aws-sdk/client-securityhub`'s restJson1 model, and our own SendFindingsToActionTarget
 * (`POST /actionTargets/send`, what Security Hub's console does when you pick an action): it reads
 * the findings from the store and puts the `Security Hub Findings - Custom Action` event.
 */
import type { AwsSecurityFinding } from '../asff';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import type { FindingIdentifier } from '../store';
import { MAX_FINDINGS_PER_ACTION, actionTargetArn, actionTargetIdOf, customActionEntries, validateActionTargetId, validateActionTargetText } from '../triage';
import { refuseBuiltInChange, withBuiltInActionTargets } from '../triage';
import { findingIdentifier, optionalArray, optionalInteger, optionalString, requiredArray, requiredString, stringsOnly } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices } from './operation';
import type { ActionTargetServices } from './services';
export type { ActionTargetServices } from './services';

/** DescribeActionTargets' page size limit (Security Hub: 100). */
const MAX_PAGE = 100;

function actionTargets(services: ApiServices): ActionTargetServices {
  if (services.actionTargets === undefined) throw new Error('The API was built without action target services');
  return services.actionTargets;
}

function pageToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: query })).toString('base64url');
}

function offsetOf(token: string | undefined, query: string): number {
  if (token === undefined) return 0;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (decoded.q === query && Number.isInteger(decoded.o) && (decoded.o as number) >= 0) return decoded.o as number;
  } catch {
    // answered below
  }
  throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of this request.`);
}

const createActionTarget = defineOperation<{ Name: string; Description: string; Id: string }>({
  name: 'CreateActionTarget',
  method: 'POST',
  path: '/actionTargets',
  parse: ({ body }) => {
    const input = { Name: requiredString(body.Name, 'Name'), Description: requiredString(body.Description, 'Description'), Id: requiredString(body.Id, 'Id') };
    validateActionTargetId(input.Id);
    refuseBuiltInChange(input.Id, 'CreateActionTarget', 'Id');
    validateActionTargetText(input.Name, 'Name');
    validateActionTargetText(input.Description, 'Description');
    return input;
  },
  async invoke(input, services, _caller, location) {
    const ActionTargetArn = actionTargetArn(location, input.Id);
    await actionTargets(services).store.create({ ActionTargetArn, Name: input.Name, Description: input.Description });
    return { output: { ActionTargetArn }, log: { actionTargetArn: ActionTargetArn } };
  },
});

const describeActionTargets = defineOperation<{ ActionTargetArns?: string[]; MaxResults?: number; NextToken?: string }>({
  name: 'DescribeActionTargets',
  method: 'POST',
  path: '/actionTargets/get',
  parse: ({ body }) => {
    const arns = optionalArray(body.ActionTargetArns, 'ActionTargetArns', 0, MAX_PAGE);
    const input = {
      ActionTargetArns: arns && stringsOnly(arns, 'ActionTargetArns'),
      MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_PAGE),
      NextToken: optionalString(body.NextToken, 'NextToken'),
    };
    input.ActionTargetArns?.forEach((arn, index) => {
      actionTargetIdOf(arn, `ActionTargetArns[${index}]`);
    });
    return input;
  },
  async invoke(input, services, _caller, location) {
    const all = withBuiltInActionTargets(await actionTargets(services).store.list(), location);
    const wanted = input.ActionTargetArns !== undefined && input.ActionTargetArns.length > 0 ? new Set(input.ActionTargetArns) : undefined;
    const matching = wanted === undefined ? all : all.filter((target) => wanted.has(target.ActionTargetArn));
    // Security Hub answers an ARN filter that names no existing action with ResourceNotFoundException.
    if (wanted !== undefined && matching.length === 0) {
      throw new ResourceNotFoundError(`No action target found for ${[...wanted].join(', ')}.`);
    }
    const query = JSON.stringify(input.ActionTargetArns ?? []);
    const offset = offsetOf(input.NextToken, query);
    const end = offset + (input.MaxResults ?? MAX_PAGE);
    const next = end < matching.length ? pageToken(end, query) : undefined;
    return { output: { ActionTargets: matching.slice(offset, end), ...(next !== undefined && { NextToken: next }) }, log: { returned: Math.min(end, matching.length) - offset } };
  },
});

const updateActionTarget = defineOperation<{ ActionTargetArn: string; Name?: string; Description?: string }>({
  name: 'UpdateActionTarget',
  method: 'PATCH',
  path: '/actionTargets/{ActionTargetArn+}',
  parse: ({ body, pathParameters }) => {
    const input = { ActionTargetArn: pathParameters.ActionTargetArn, Name: optionalString(body.Name, 'Name'), Description: optionalString(body.Description, 'Description') };
    actionTargetIdOf(input.ActionTargetArn);
    refuseBuiltInChange(input.ActionTargetArn, 'UpdateActionTarget');
    if (input.Name !== undefined) validateActionTargetText(input.Name, 'Name');
    if (input.Description !== undefined) validateActionTargetText(input.Description, 'Description');
    return input;
  },
  async invoke(input, services) {
    await actionTargets(services).store.update(input.ActionTargetArn, { Name: input.Name, Description: input.Description });
    return { output: {}, log: { actionTargetArn: input.ActionTargetArn } };
  },
});

const deleteActionTarget = defineOperation<{ ActionTargetArn: string }>({
  name: 'DeleteActionTarget',
  method: 'DELETE',
  path: '/actionTargets/{ActionTargetArn+}',
  parse: ({ pathParameters }) => {
    actionTargetIdOf(pathParameters.ActionTargetArn);
    refuseBuiltInChange(pathParameters.ActionTargetArn, 'DeleteActionTarget');
    return { ActionTargetArn: pathParameters.ActionTargetArn };
  },
  async invoke(input, services) {
    await actionTargets(services).store.delete(input.ActionTargetArn);
    return { output: { ActionTargetArn: input.ActionTargetArn }, log: { actionTargetArn: input.ActionTargetArn } };
  },
});

/** Reads the named findings: one GetFindings per call (Id EQUALS any of them), then matched on ProductArn too. */
async function findingsOf(services: ApiServices, identifiers: FindingIdentifier[]): Promise<{ found: AwsSecurityFinding[]; missing: FindingIdentifier[] }> {
  const { Findings } = await services.findings.getFindings({
    Filters: { Id: [...new Set(identifiers.map((identifier) => identifier.Id))].map((Value) => ({ Value, Comparison: 'EQUALS' as const })) },
    MaxResults: 100,
  });
  const byKey = new Map(Findings.map((finding) => [`${finding.ProductArn} ${finding.Id}`, finding]));
  const found: AwsSecurityFinding[] = [];
  const missing: FindingIdentifier[] = [];
  for (const identifier of identifiers) {
    const finding = byKey.get(`${identifier.ProductArn} ${identifier.Id}`);
    if (finding === undefined) missing.push(identifier);
    else found.push(finding);
  }
  return { found, missing };
}

const sendFindingsToActionTarget = defineOperation<{ ActionTargetArn: string; FindingIdentifiers: FindingIdentifier[] }>({
  name: 'SendFindingsToActionTarget',
  method: 'POST',
  path: '/actionTargets/send',
  parse: ({ body }) => {
    const arn = requiredString(body.ActionTargetArn, 'ActionTargetArn');
    actionTargetIdOf(arn);
    const identifiers = requiredArray(body.FindingIdentifiers, 'FindingIdentifiers', 1, MAX_FINDINGS_PER_ACTION).map((item, index) =>
      findingIdentifier(item, `FindingIdentifiers[${index}]`),
    );
    const unique = [...new Map(identifiers.map((identifier) => [`${identifier.ProductArn} ${identifier.Id}`, identifier])).values()];
    return { ActionTargetArn: arn, FindingIdentifiers: unique };
  },
  async invoke(input, services, _caller, location) {
    const targets = actionTargets(services);
    const builtIn = withBuiltInActionTargets([], location).find((candidate) => candidate.ActionTargetArn === input.ActionTargetArn);
    const target = builtIn ?? (await targets.store.get(input.ActionTargetArn));
    const { found, missing } = await findingsOf(services, input.FindingIdentifiers);
    const UnprocessedFindings = missing.map((FindingIdentifier) => ({
      FindingIdentifier,
      ErrorCode: 'FindingNotFound',
      ErrorMessage: 'No finding exists with this Id and ProductArn',
    }));
    if (found.length === 0) {
      return { output: { ActionTargetArn: target.ActionTargetArn, FindingsSent: 0, EventIds: [], UnprocessedFindings }, log: { sent: 0, missing: missing.length } };
    }
    if (targets.eventBusName === undefined) throw new Error('EVENT_BUS_NAME is not set: custom-action events have no bus');
    const entries = customActionEntries(target, found, targets.eventBusName);
    const result = await targets.putEvents(entries);
    const failed = (result.Entries ?? []).filter((entry) => entry.ErrorCode !== undefined);
    if ((result.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
      throw new Error(`PutEvents rejected the custom-action event: ${failed.map((entry) => `${entry.ErrorCode}: ${entry.ErrorMessage}`).join('; ')}`);
    }
    const EventIds = (result.Entries ?? []).map((entry) => entry.EventId).filter((id): id is string => id !== undefined);
    return {
      output: { ActionTargetArn: target.ActionTargetArn, FindingsSent: found.length, EventIds, UnprocessedFindings },
      log: { sent: found.length, missing: missing.length, events: entries.length },
    };
  },
});

/** The custom-action operations of the registry. */
export const ACTION_TARGET_OPERATIONS: readonly ApiOperation[] = [createActionTarget, describeActionTargets, updateActionTarget, deleteActionTarget, sendFindingsToActionTarget];
