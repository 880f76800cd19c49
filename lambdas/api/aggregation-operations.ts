/**
 * Cross-Region aggregation in the Security Hub–compatible API: CreateFindingAggregator,
 * GetFindingAggregator, UpdateFindingAggregator, DeleteFindingAggregator and
 * ListFindingAggregators, with the routes, members and errors of `@aws-sdk/client-securityhub`'s
 * model. This deployment's Region is the home Region; one aggregator per account.
 */
import { randomUUID } from 'node:crypto';
import { aggregatorArn, aggregatorOutput, validateLinking, type AggregatorRepository, type FindingAggregator } from '../aggregation';
import { centralConfigurationHold } from '../organization';
import { InvalidInputError, LimitExceededError, ResourceNotFoundError } from '../shared/errors';
import { optionalArray, optionalInteger, requiredString, stringsOnly } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';
import type { AggregationServices } from './services';

/** MaxResults of ListFindingAggregators (botocore: 1–100). */
const MAX_RESULTS = 100;

function aggregation(services: ApiServices): AggregationServices {
  if (services.aggregation === undefined) throw new Error('The API was built without aggregation services');
  return services.aggregation;
}

function regionsOf(value: unknown): string[] | undefined {
  const list = optionalArray(value, 'Regions', 0, Number.MAX_SAFE_INTEGER);
  return list && stringsOnly(list, 'Regions');
}

const ARN = /^arn:[a-z-]+:securityhub:[a-z0-9-]+:\d{12}:finding-aggregator\/[A-Za-z0-9-]+$/;

/** Checks an ARN's form (InvalidInputException), then that it is this account's aggregator (ResourceNotFoundException). */
async function storedAggregator(repository: AggregatorRepository, arn: string): Promise<FindingAggregator> {
  if (!ARN.test(arn)) {
    throw new InvalidInputError(
      `Invalid parameter 'FindingAggregatorArn': '${arn}' is not a finding aggregator ARN (arn:<partition>:securityhub:<region>:<account>:finding-aggregator/<id>).`,
    );
  }
  const stored = await repository.get();
  if (stored?.arn !== arn) throw new ResourceNotFoundError(`Finding aggregator ${arn} not found.`);
  return stored;
}

function notFound(arn: string): never {
  throw new ResourceNotFoundError(`Finding aggregator ${arn} not found.`);
}

const createFindingAggregator = defineOperation<{ RegionLinkingMode: string; Regions?: string[] }>({
  name: 'CreateFindingAggregator',
  method: 'POST',
  path: '/findingAggregator/create',
  parse: ({ body }) => ({ RegionLinkingMode: requiredString(body.RegionLinkingMode, 'RegionLinkingMode'), Regions: regionsOf(body.Regions) }),
  async invoke(input, services, _caller, location: ServiceLocation) {
    const { repository, newId } = aggregation(services);
    const linking = validateLinking(input.RegionLinkingMode, input.Regions, location.region);
    const aggregator: FindingAggregator = { arn: aggregatorArn(location, (newId ?? randomUUID)()), homeRegion: location.region, ...linking };
    if (!(await repository.create(aggregator))) {
      const existing = await repository.get();
      throw new LimitExceededError(
        `Account ${location.accountId} already has a finding aggregator (${existing?.arn ?? 'being created'}); there is one per account: UpdateFindingAggregator or DeleteFindingAggregator it.`,
      );
    }
    return { output: aggregatorOutput(aggregator), log: { mode: aggregator.mode, regions: aggregator.regions.length } };
  },
});

const getFindingAggregator = defineOperation<{ FindingAggregatorArn: string }>({
  name: 'GetFindingAggregator',
  method: 'GET',
  path: '/findingAggregator/get/{FindingAggregatorArn+}',
  parse: ({ pathParameters }) => ({ FindingAggregatorArn: requiredString(pathParameters.FindingAggregatorArn, 'FindingAggregatorArn') }),
  async invoke(input, services) {
    return { output: aggregatorOutput(await storedAggregator(aggregation(services).repository, input.FindingAggregatorArn)) };
  },
});

const updateFindingAggregator = defineOperation<{ FindingAggregatorArn: string; RegionLinkingMode: string; Regions?: string[] }>({
  name: 'UpdateFindingAggregator',
  method: 'PATCH',
  path: '/findingAggregator/update',
  parse: ({ body }) => ({
    FindingAggregatorArn: requiredString(body.FindingAggregatorArn, 'FindingAggregatorArn'),
    RegionLinkingMode: requiredString(body.RegionLinkingMode, 'RegionLinkingMode'),
    Regions: regionsOf(body.Regions),
  }),
  async invoke(input, services) {
    const { repository } = aggregation(services);
    const stored = await storedAggregator(repository, input.FindingAggregatorArn);
    // The home Region stays: Security Hub cannot move it with an update.
    const next: FindingAggregator = { ...stored, ...validateLinking(input.RegionLinkingMode, input.Regions, stored.homeRegion) };
    if (!(await repository.replace(next))) notFound(input.FindingAggregatorArn);
    return { output: aggregatorOutput(next), log: { mode: next.mode, regions: next.regions.length } };
  },
});

const deleteFindingAggregator = defineOperation<{ FindingAggregatorArn: string }>({
  name: 'DeleteFindingAggregator',
  method: 'DELETE',
  path: '/findingAggregator/delete/{FindingAggregatorArn+}',
  parse: ({ pathParameters }) => ({ FindingAggregatorArn: requiredString(pathParameters.FindingAggregatorArn, 'FindingAggregatorArn') }),
  async invoke(input, services) {
    const { repository } = aggregation(services);
    await storedAggregator(repository, input.FindingAggregatorArn);
    // Central configuration needs the home Region: Security Hub keeps the aggregator while it is in effect.
    const state = await services.organization?.repository.get();
    const held = state && centralConfigurationHold(state, `delete the finding aggregator ${input.FindingAggregatorArn} (central configuration's home Region)`);
    if (held) throw new InvalidInputError(`Invalid parameter 'FindingAggregatorArn': ${held}`);
    if (!(await repository.delete(input.FindingAggregatorArn))) notFound(input.FindingAggregatorArn);
    return { output: {} };
  },
});

const listFindingAggregators = defineOperation<{ MaxResults?: number; NextToken?: string }>({
  name: 'ListFindingAggregators',
  method: 'GET',
  path: '/findingAggregator/list',
  parse: ({ query }) => {
    const max = query.MaxResults;
    if (max !== undefined && !/^-?\d+$/.test(max)) throw new InvalidInputError(`Invalid parameter 'MaxResults': expected an integer, got '${max}'.`);
    // One aggregator at most, so no answer carries a NextToken: any token sent is not one of ours.
    if (query.NextToken !== undefined) throw new InvalidInputError(`Invalid parameter 'NextToken': '${query.NextToken}' is not a token ListFindingAggregators returned.`);
    return { MaxResults: optionalInteger(max === undefined ? undefined : Number(max), 'MaxResults', 1, MAX_RESULTS) };
  },
  async invoke(_input, services) {
    const stored = await aggregation(services).repository.get();
    return { output: { FindingAggregators: stored === undefined ? [] : [{ FindingAggregatorArn: stored.arn }] } };
  },
});

/** The cross-Region aggregation operations. */
export const AGGREGATION_OPERATIONS: readonly ApiOperation[] = [
  createFindingAggregator,
  getFindingAggregator,
  updateFindingAggregator,
  deleteFindingAggregator,
  listFindingAggregators,
];
