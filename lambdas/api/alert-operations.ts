import { explainAlert } from '../triage';
import { groupKeysOf } from '../triage';
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { optionalInteger, optionalString, requiredString } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices } from './operation';
import type { AlertServices } from './services';
export type { AlertServices } from './services';

/** Decisions returned at most (newest first). */
const MAX_DECISIONS = 50;

function alerts(services: ApiServices): AlertServices {
  const value = services.alerts;
  if (value === undefined) throw new Error('The API was built without alert services');
  return value;
}

const explain = defineOperation<{ FindingId: string; ProductArn?: string; MaxResults?: number }>({
  name: 'ExplainAlert',
  method: 'POST',
  path: '/alerts/explain',
  parse: ({ body }) => ({
    FindingId: requiredString(body.FindingId, 'FindingId'),
    ProductArn: optionalString(body.ProductArn, 'ProductArn'),
    MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_DECISIONS),
  }),
  async invoke(input, services) {
    const { decisions, groups, now = () => new Date() } = alerts(services);
    const filters = {
      Id: [{ Value: input.FindingId, Comparison: 'EQUALS' as const }],
      ...(input.ProductArn !== undefined && { ProductArn: [{ Value: input.ProductArn, Comparison: 'EQUALS' as const }] }),
    };
    const { Findings } = await services.findings.getFindings({ Filters: filters, MaxResults: 2 });
    if (Findings.length === 0)
      throw new ResourceNotFoundError(`No finding with Id ${input.FindingId}${input.ProductArn === undefined ? '' : ` and ProductArn ${input.ProductArn}`}.`);
    if (Findings.length > 1)
      throw new InvalidInputError(
        `Invalid parameter 'ProductArn': findings of several products have Id ${input.FindingId}; name one with ProductArn (e.g. ${Findings.map((finding) => finding.ProductArn).join(', ')}).`,
      );
    const finding = Findings[0];
    const records = await decisions.list(finding, input.MaxResults ?? 20);
    const keys = groupKeysOf(finding);
    const states = await Promise.all(keys.map(async (key) => ({ key, state: await groups.state(key) })));
    return { output: { Finding: { Id: finding.Id, ProductArn: finding.ProductArn }, ...explainAlert(records, states, now()) }, log: { decisions: records.length } };
  },
});

/** The alert operations, for the operations registry. */
export const ALERT_OPERATIONS: readonly ApiOperation[] = [explain];
