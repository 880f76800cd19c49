/**
 * Standards-control associations in the Security Hub–compatible API: whether each control is
 * enabled in each standard. `ListStandardsControlAssociations`, `BatchGetStandardsControlAssociations`
 * and `BatchUpdateStandardsControlAssociations`, with the methods, paths and members of
 * `@aws-sdk/client-securityhub`'s restJson1 model. Entries that cannot be served come back in
 * `UnprocessedAssociations` / `UnprocessedAssociationUpdates` with Security Hub's error codes:
 * `INVALID_INPUT` (not a standards ARN of this Region), `NOT_FOUND` (no such security control),
 * `RESOURCE_NOT_FOUND` (no such standard, the control is not in it, or the standard is not enabled).
 */
import { STANDARDS, associationState, findControl, isInStandard, mappingIn, withAssociation } from '../compliance';
import type { ComplianceSettings, ControlDefinition, StandardId } from '../compliance';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { securityControlArn, standardArnAt, standardOfArn, standardsControlArn } from './compliance-wire';
import { compliance, dropUndefined, nowOf, page, queryPaging, type Paging } from './compliance-support';
import { objectsOnly, optionalString, requiredArray, requiredString } from './envelope';
import { defineOperation, type ApiOperation, type ServiceLocation } from './operation';

/** Association ids / updates per batch call. */
export const MAX_ASSOCIATIONS_BATCH = 100;

/** Security Hub's error codes of unprocessed associations. */
export type AssociationErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'RESOURCE_NOT_FOUND';

interface AssociationId {
  SecurityControlId: string;
  StandardsArn: string;
}

/** An association found, or why not. */
type Resolved = { control: ControlDefinition; standard: StandardId } | { ErrorCode: AssociationErrorCode; ErrorReason: string };

function resolve(id: AssociationId, settings: ComplianceSettings, location: ServiceLocation, path: string): Resolved {
  let standard: StandardId;
  try {
    standard = standardOfArn(id.StandardsArn, location, `${path}.StandardsArn`);
  } catch (error) {
    const notFound = error instanceof ResourceNotFoundError;
    return { ErrorCode: notFound ? 'RESOURCE_NOT_FOUND' : 'INVALID_INPUT', ErrorReason: (error as Error).message };
  }
  const control = findControl(id.SecurityControlId);
  if (control === undefined) return { ErrorCode: 'NOT_FOUND', ErrorReason: `Security control '${id.SecurityControlId}' not found.` };
  if (!isInStandard(control, standard)) return { ErrorCode: 'RESOURCE_NOT_FOUND', ErrorReason: `Security control '${control.id}' is not in standard '${id.StandardsArn}'.` };
  if (!settings.enabledStandards.includes(standard)) return { ErrorCode: 'RESOURCE_NOT_FOUND', ErrorReason: `Standard '${id.StandardsArn}' is not enabled.` };
  return { control, standard };
}

function summaryShape(control: ControlDefinition, standard: StandardId, settings: ComplianceSettings, location: ServiceLocation): Record<string, unknown> {
  const state = associationState(control, standard, settings);
  return dropUndefined({
    StandardsArn: standardArnAt(standard, location),
    SecurityControlId: control.id,
    SecurityControlArn: securityControlArn(control.id, location),
    AssociationStatus: state.status,
    RelatedRequirements: mappingIn(control, standard)?.requirements ?? [],
    UpdatedAt: state.updatedAt,
    UpdatedReason: state.reason,
    StandardsControlTitle: control.title,
    StandardsControlDescription: control.description,
  });
}

function associationIds(value: unknown, path: string): AssociationId[] {
  return objectsOnly(requiredArray(value, path, 1, MAX_ASSOCIATIONS_BATCH), path).map((entry, index) => ({
    SecurityControlId: requiredString(entry.SecurityControlId, `${path}[${index}].SecurityControlId`),
    StandardsArn: requiredString(entry.StandardsArn, `${path}[${index}].StandardsArn`),
  }));
}

const listStandardsControlAssociations = defineOperation<Paging & { SecurityControlId: string }>({
  name: 'ListStandardsControlAssociations',
  method: 'GET',
  path: '/associations',
  parse: ({ query }) => ({ ...queryPaging(query), SecurityControlId: requiredString(query.SecurityControlId, 'SecurityControlId') }),
  async invoke(input, services, _caller, location) {
    const control = findControl(input.SecurityControlId);
    if (control === undefined) throw new InvalidInputError(`Invalid parameter 'SecurityControlId': no security control '${input.SecurityControlId}'.`);
    const settings = await compliance(services).settings.get();
    const standards = STANDARDS.map((standard) => standard.id).filter((id) => settings.enabledStandards.includes(id) && isInStandard(control, id));
    const { items, NextToken } = page(standards, input, `associations:${control.id}`);
    return { output: dropUndefined({ StandardsControlAssociationSummaries: items.map((standard) => summaryShape(control, standard, settings, location)), NextToken }) };
  },
});

const batchGetStandardsControlAssociations = defineOperation<{ StandardsControlAssociationIds: AssociationId[] }>({
  name: 'BatchGetStandardsControlAssociations',
  method: 'POST',
  path: '/associations/batchGet',
  parse: ({ body }) => ({ StandardsControlAssociationIds: associationIds(body.StandardsControlAssociationIds, 'StandardsControlAssociationIds') }),
  async invoke(input, services, _caller, location) {
    const settings = await compliance(services).settings.get();
    const details: object[] = [];
    const unprocessed: object[] = [];
    input.StandardsControlAssociationIds.forEach((id, index) => {
      const found = resolve(id, settings, location, `StandardsControlAssociationIds[${index}]`);
      if ('ErrorCode' in found) unprocessed.push({ StandardsControlAssociationId: id, ...found });
      else
        details.push({ ...summaryShape(found.control, found.standard, settings, location), StandardsControlArns: [standardsControlArn(found.standard, found.control, location)] });
    });
    return { output: { StandardsControlAssociationDetails: details, UnprocessedAssociations: unprocessed }, log: { found: details.length, unprocessed: unprocessed.length } };
  },
});

interface AssociationUpdate extends AssociationId {
  AssociationStatus: 'ENABLED' | 'DISABLED';
  UpdatedReason?: string;
}

const batchUpdateStandardsControlAssociations = defineOperation<{ StandardsControlAssociationUpdates: AssociationUpdate[] }>({
  name: 'BatchUpdateStandardsControlAssociations',
  method: 'PATCH',
  path: '/associations',
  parse: ({ body }) => {
    const path = 'StandardsControlAssociationUpdates';
    const ids = associationIds(body.StandardsControlAssociationUpdates, path);
    const updates = objectsOnly(body.StandardsControlAssociationUpdates as unknown[], path);
    return {
      StandardsControlAssociationUpdates: ids.map((id, index): AssociationUpdate => {
        const status = requiredString(updates[index].AssociationStatus, `${path}[${index}].AssociationStatus`);
        if (status !== 'ENABLED' && status !== 'DISABLED') throw new InvalidInputError(`Invalid parameter '${path}[${index}].AssociationStatus': must be ENABLED or DISABLED.`);
        return dropUndefined<AssociationUpdate & Record<string, unknown>>({
          ...id,
          AssociationStatus: status,
          UpdatedReason: optionalString(updates[index].UpdatedReason, `${path}[${index}].UpdatedReason`),
        });
      }),
    };
  },
  async invoke(input, services, _caller, location) {
    const state = compliance(services);
    const at = nowOf(state).toISOString();
    let unprocessed: object[] = [];
    await state.settings.update((current) => {
      unprocessed = [];
      let next = current;
      input.StandardsControlAssociationUpdates.forEach((update, index) => {
        const found = resolve(update, current, location, `StandardsControlAssociationUpdates[${index}]`);
        if ('ErrorCode' in found) unprocessed.push({ StandardsControlAssociationUpdate: update, ...found });
        else next = withAssociation(next, found.control, found.standard, { enabled: update.AssociationStatus === 'ENABLED', reason: update.UpdatedReason }, at);
      });
      return next;
    });
    return {
      output: { UnprocessedAssociationUpdates: unprocessed },
      log: { updated: input.StandardsControlAssociationUpdates.length - unprocessed.length, unprocessed: unprocessed.length },
    };
  },
});

/** The standards-control association operations. */
export const ASSOCIATION_OPERATIONS: readonly ApiOperation[] = [listStandardsControlAssociations, batchGetStandardsControlAssociations, batchUpdateStandardsControlAssociations];
