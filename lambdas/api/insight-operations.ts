/**
 * Insights in the Security Hub–compatible API: CreateInsight, GetInsights, GetInsightResults,
 * UpdateInsight, DeleteInsight — methods, paths and members as `@aws-sdk/client-securityhub`'s
 * restJson1 model declares them. The envelope is checked here; the definition (name, filters,
 * group-by) by the insights core.
 */
import type { InsightsApi } from '../triage';
import { MAX_INSIGHTS_PAGE, type GetInsightsInput, type UpdateInsightInput } from '../triage';
import { optionalArray, optionalInteger, optionalObject, optionalString, required, requiredString, stringsOnly } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices } from './operation';

/** InsightArns per GetInsights call (Security Hub documents none; one page's worth). */
export const MAX_INSIGHT_ARNS = 100;

function insights(services: ApiServices): InsightsApi {
  if (services.insights === undefined) throw new Error('The API was built without insight services');
  return services.insights;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

const createInsight = defineOperation<{ Name: string; Filters: Record<string, unknown>; GroupByAttribute: string }>({
  name: 'CreateInsight',
  method: 'POST',
  path: '/insights',
  parse: ({ body }) => ({
    Name: requiredString(body.Name, 'Name'),
    Filters: optionalObject(required(body.Filters, 'Filters'), 'Filters') as Record<string, unknown>,
    GroupByAttribute: requiredString(body.GroupByAttribute, 'GroupByAttribute'),
  }),
  async invoke(input, services, _caller, location) {
    const output = await insights(services).create(input, location);
    return { output, log: { insightArn: output.InsightArn, groupBy: input.GroupByAttribute } };
  },
});

const getInsights = defineOperation<GetInsightsInput>({
  name: 'GetInsights',
  method: 'POST',
  path: '/insights/get',
  parse: ({ body }) => {
    const arns = optionalArray(body.InsightArns, 'InsightArns', 0, MAX_INSIGHT_ARNS);
    return withoutUndefined({
      InsightArns: arns && arns.length > 0 ? stringsOnly(arns, 'InsightArns') : undefined,
      MaxResults: optionalInteger(body.MaxResults, 'MaxResults', 1, MAX_INSIGHTS_PAGE),
      NextToken: optionalString(body.NextToken, 'NextToken'),
    });
  },
  async invoke(input, services, _caller, location) {
    const output = await insights(services).get(input, location);
    return { output, log: { returned: output.Insights.length, hasNextToken: output.NextToken !== undefined } };
  },
});

const getInsightResults = defineOperation<{ InsightArn: string }>({
  name: 'GetInsightResults',
  method: 'GET',
  path: '/insights/results/{InsightArn+}',
  parse: ({ pathParameters }) => ({ InsightArn: requiredString(pathParameters.InsightArn, 'InsightArn') }),
  async invoke(input, services, _caller, location) {
    const { InsightResults, plan, matched } = await insights(services).results(input.InsightArn, location);
    return { output: { InsightResults }, log: { insightArn: input.InsightArn, plan, matched, groups: InsightResults.ResultValues.length } };
  },
});

const updateInsight = defineOperation<UpdateInsightInput>({
  name: 'UpdateInsight',
  method: 'PATCH',
  path: '/insights/{InsightArn+}',
  parse: ({ pathParameters, body }) =>
    withoutUndefined({
      InsightArn: requiredString(pathParameters.InsightArn, 'InsightArn'),
      Name: body.Name === undefined ? undefined : requiredString(body.Name, 'Name'),
      Filters: optionalObject(body.Filters, 'Filters'),
      GroupByAttribute: body.GroupByAttribute === undefined ? undefined : requiredString(body.GroupByAttribute, 'GroupByAttribute'),
    }),
  async invoke(input, services, _caller, location) {
    await insights(services).update(input, location);
    return { output: {}, log: { insightArn: input.InsightArn } };
  },
});

const deleteInsight = defineOperation<{ InsightArn: string }>({
  name: 'DeleteInsight',
  method: 'DELETE',
  path: '/insights/{InsightArn+}',
  parse: ({ pathParameters }) => ({ InsightArn: requiredString(pathParameters.InsightArn, 'InsightArn') }),
  async invoke(input, services, _caller, location) {
    const output = await insights(services).delete(input.InsightArn, location);
    return { output, log: { insightArn: input.InsightArn } };
  },
});

/** The insight operations of the registry. */
export const INSIGHT_OPERATIONS: readonly ApiOperation[] = [createInsight, getInsights, getInsightResults, updateInsight, deleteInsight];
