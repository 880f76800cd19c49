/**
 * Automation rules (v1) in the Security Hub–compatible API: CreateAutomationRule,
 * BatchGetAutomationRules, ListAutomationRules, BatchUpdateAutomationRules and
 * BatchDeleteAutomationRules with the paths and members of `@aws-sdk/client-securityhub`'s model;
 * and two of ours, `POST /automationrules/dryrun` and `POST /automationrules/apply`, which run rules
 * over the stored findings. Rules from the rules-as-code file are listed with `CreatedBy`
 * `opensecurityhub:rules-as-code`, the times they first appeared and last changed, and cannot be
 * updated or deleted here.
 */
import { InvalidInputError, ResourceNotFoundError } from '../shared/errors';
import { isRuleAsCode } from '../triage';
import { runRules } from '../triage';
import type { AutomationRule, AutomationRuleDefinition } from '../triage';
import { validateRuleChanges, validateRuleDefinition } from '../triage';
import { inApplicationOrder } from '../triage';
import { optionalArray, optionalInteger, optionalString, requiredArray, stringsOnly } from './envelope';
import { defineOperation, type ApiOperation, type ApiServices, type ServiceLocation } from './operation';
import type { AutomationRuleServices } from './services';
export type { AutomationRuleServices } from './services';

/** ARNs per BatchGet/BatchUpdate/BatchDelete call (Security Hub: 100). */
export const MAX_RULES_BATCH = 100;
const MAX_PAGE = 100;
const READ_ONLY_MESSAGE = 'is defined in the rules-as-code file (lambdas/triage/automation/rules-as-code.json) and is read-only through the API; change the file and deploy';

function automation(services: ApiServices): AutomationRuleServices {
  if (services.automationRules === undefined) throw new Error('The API was built without automation rule services');
  return services.automationRules;
}

const nowOf = (services: AutomationRuleServices) => (services.now ?? (() => new Date()))();

/** Every rule (rules-as-code first), in the order they apply. */
async function allRules(services: AutomationRuleServices): Promise<AutomationRule[]> {
  const codeRules = services.codeRuleStamps === undefined ? services.codeRules : await services.codeRuleStamps.stamp(services.codeRules, nowOf(services));
  return inApplicationOrder([...codeRules, ...(await services.repository.list())]);
}

/** A rule as `AutomationRulesConfig` (no Tags: the model's config has none). */
function ruleConfig(rule: AutomationRule): Omit<AutomationRule, 'Tags'> {
  const { Tags: _tags, ...config } = rule;
  return config;
}

/** A rule as `AutomationRulesMetadata`. */
function ruleMetadata(rule: AutomationRule) {
  const { RuleArn, RuleStatus, RuleOrder, RuleName, Description, IsTerminal, CreatedAt, UpdatedAt, CreatedBy } = rule;
  return { RuleArn, RuleStatus, RuleOrder, RuleName, Description, IsTerminal, CreatedAt, UpdatedAt, CreatedBy };
}

const arnPrefix = (location: ServiceLocation) => `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:automation-rule/`;

function ruleArns(value: unknown): string[] {
  return stringsOnly(requiredArray(value, 'AutomationRulesArns', 1, MAX_RULES_BATCH), 'AutomationRulesArns');
}

const createAutomationRule = defineOperation<AutomationRuleDefinition>({
  name: 'CreateAutomationRule',
  method: 'POST',
  path: '/automationrules/create',
  parse: ({ body }) => validateRuleDefinition(body),
  async invoke(input, services, caller, location) {
    const rules = automation(services);
    const rule = await rules.repository.create(input, { arnPrefix: arnPrefix(location), createdBy: caller.identity, now: nowOf(rules) });
    return { output: { RuleArn: rule.RuleArn }, log: { ruleArn: rule.RuleArn } };
  },
});

const batchGetAutomationRules = defineOperation<{ AutomationRulesArns: string[] }>({
  name: 'BatchGetAutomationRules',
  method: 'POST',
  path: '/automationrules/get',
  parse: ({ body }) => ({ AutomationRulesArns: ruleArns(body.AutomationRulesArns) }),
  async invoke(input, services) {
    const byArn = new Map((await allRules(automation(services))).map((rule) => [rule.RuleArn, rule]));
    const found = input.AutomationRulesArns.filter((arn) => byArn.has(arn));
    const missing = input.AutomationRulesArns.filter((arn) => !byArn.has(arn));
    return {
      output: {
        Rules: found.map((arn) => ruleConfig(byArn.get(arn) as AutomationRule)),
        UnprocessedAutomationRules: missing.map((arn) => ({ RuleArn: arn, ErrorCode: 404, ErrorMessage: 'No automation rule has this ARN' })),
      },
      log: { found: found.length, missing: missing.length },
    };
  },
});

function decodeOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rules?: unknown };
    if (Number.isInteger(decoded.rules) && (decoded.rules as number) >= 0) return decoded.rules as number;
  } catch {
    // falls through to the error below
  }
  throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of ListAutomationRules.`);
}

const listAutomationRules = defineOperation<{ MaxResults?: number; NextToken?: string }>({
  name: 'ListAutomationRules',
  method: 'GET',
  path: '/automationrules/list',
  parse: ({ query }) => {
    const max = query.MaxResults;
    if (max !== undefined && !/^\d+$/.test(max)) throw new InvalidInputError(`Invalid parameter 'MaxResults': expected an integer.`);
    return { MaxResults: optionalInteger(max === undefined ? undefined : Number(max), 'MaxResults', 1, MAX_PAGE), NextToken: optionalString(query.NextToken, 'NextToken') };
  },
  async invoke(input, services) {
    const rules = await allRules(automation(services));
    const offset = decodeOffset(input.NextToken);
    const end = offset + (input.MaxResults ?? MAX_PAGE);
    const next = end < rules.length ? Buffer.from(JSON.stringify({ rules: end })).toString('base64url') : undefined;
    return { output: { AutomationRulesMetadata: rules.slice(offset, end).map(ruleMetadata), ...(next && { NextToken: next }) } };
  },
});

type Unprocessed = { RuleArn: string; ErrorCode: number; ErrorMessage: string };
const readOnly = (arn: string): Unprocessed => ({ RuleArn: arn, ErrorCode: 400, ErrorMessage: `The rule ${READ_ONLY_MESSAGE}` });
const notFound = (arn: string): Unprocessed => ({ RuleArn: arn, ErrorCode: 404, ErrorMessage: 'No automation rule has this ARN' });

const batchUpdateAutomationRules = defineOperation<{ items: ReturnType<typeof validateRuleChanges>[] }>({
  name: 'BatchUpdateAutomationRules',
  method: 'PATCH',
  path: '/automationrules/update',
  parse: ({ body }) => ({
    items: requiredArray(body.UpdateAutomationRulesRequestItems, 'UpdateAutomationRulesRequestItems', 1, MAX_RULES_BATCH).map((item, index) =>
      validateRuleChanges(item, `UpdateAutomationRulesRequestItems[${index}]`),
    ),
  }),
  async invoke(input, services) {
    const rules = automation(services);
    const processed: string[] = [];
    const unprocessed: Unprocessed[] = [];
    for (const { RuleArn, changes } of input.items) {
      if (isRuleAsCode(rules.codeRules, RuleArn)) {
        unprocessed.push(readOnly(RuleArn));
        continue;
      }
      const updated = await rules.repository.update(RuleArn, (rule) => ({ ...rule, ...changes, UpdatedAt: nowOf(rules).toISOString() }));
      if (updated === undefined) unprocessed.push(notFound(RuleArn));
      else processed.push(RuleArn);
    }
    return { output: { ProcessedAutomationRules: processed, UnprocessedAutomationRules: unprocessed }, log: { processed: processed.length, unprocessed: unprocessed.length } };
  },
});

const batchDeleteAutomationRules = defineOperation<{ AutomationRulesArns: string[] }>({
  name: 'BatchDeleteAutomationRules',
  method: 'POST',
  path: '/automationrules/delete',
  parse: ({ body }) => ({ AutomationRulesArns: ruleArns(body.AutomationRulesArns) }),
  async invoke(input, services) {
    const rules = automation(services);
    const processed: string[] = [];
    const unprocessed: Unprocessed[] = [];
    for (const arn of input.AutomationRulesArns) {
      if (isRuleAsCode(rules.codeRules, arn)) unprocessed.push(readOnly(arn));
      else if (await rules.repository.delete(arn)) processed.push(arn);
      else unprocessed.push(notFound(arn));
    }
    return { output: { ProcessedAutomationRules: processed, UnprocessedAutomationRules: unprocessed }, log: { processed: processed.length, unprocessed: unprocessed.length } };
  },
});

/** A dry-run names a stored rule (`RuleArn`) or carries a rule not yet created (`Rule`, as CreateAutomationRule takes it). */
type DryRunInput = { RuleArn: string } | { Rule: AutomationRuleDefinition };

const dryRunAutomationRule = defineOperation<DryRunInput>({
  name: 'DryRunAutomationRule',
  method: 'POST',
  path: '/automationrules/dryrun',
  parse: ({ body }) => {
    if ((body.RuleArn === undefined) === (body.Rule === undefined)) throw new InvalidInputError('DryRunAutomationRule: give exactly one of RuleArn and Rule');
    if (body.RuleArn !== undefined) return { RuleArn: optionalString(body.RuleArn, 'RuleArn') as string };
    return { Rule: validateRuleDefinition(body.Rule, 'Rule') };
  },
  async invoke(input, services, caller, location) {
    const rules = automation(services);
    const now = nowOf(rules);
    let rule: AutomationRule | undefined;
    if ('RuleArn' in input) {
      rule = (await allRules(rules)).find((candidate) => candidate.RuleArn === input.RuleArn);
      if (rule === undefined) throw new ResourceNotFoundError(`RuleArn: no automation rule has the ARN ${input.RuleArn}`);
    } else {
      rule = { ...input.Rule, RuleArn: `${arnPrefix(location)}dry-run`, CreatedAt: now.toISOString(), UpdatedAt: now.toISOString(), CreatedBy: caller.identity };
    }
    const report = await runRules(rules.findings, [rule], { dryRun: true, now, includeDisabled: true });
    return { output: report, log: { evaluated: report.FindingsEvaluated, changed: report.FindingsChanged } };
  },
});

const applyAutomationRules = defineOperation<{ RuleArns?: string[] }>({
  name: 'ApplyAutomationRules',
  method: 'POST',
  path: '/automationrules/apply',
  parse: ({ body }) => {
    const arns = optionalArray(body.RuleArns, 'RuleArns', 1, MAX_RULES_BATCH);
    return arns === undefined ? {} : { RuleArns: stringsOnly(arns, 'RuleArns') };
  },
  async invoke(input, services) {
    const rules = automation(services);
    const all = await allRules(rules);
    const unprocessed: Unprocessed[] = [];
    let selected = all.filter((rule) => rule.RuleStatus === 'ENABLED');
    if (input.RuleArns !== undefined) {
      const wanted = new Set(input.RuleArns);
      for (const arn of wanted) {
        const rule = all.find((candidate) => candidate.RuleArn === arn);
        if (rule === undefined) unprocessed.push(notFound(arn));
        else if (rule.RuleStatus !== 'ENABLED') unprocessed.push({ RuleArn: arn, ErrorCode: 400, ErrorMessage: 'The rule is DISABLED; enable it to apply it (or dry-run it)' });
      }
      selected = selected.filter((rule) => wanted.has(rule.RuleArn));
    }
    const report = await runRules(rules.findings, selected, { dryRun: false, now: nowOf(rules) });
    return { output: { ...report, UnprocessedAutomationRules: unprocessed }, log: { rules: selected.length, changed: report.FindingsChanged } };
  },
});

/** The automation-rule operations of the registry. */
export const AUTOMATION_RULE_OPERATIONS: readonly ApiOperation[] = [
  createAutomationRule,
  batchGetAutomationRules,
  listAutomationRules,
  batchUpdateAutomationRules,
  batchDeleteAutomationRules,
  dryRunAutomationRule,
  applyAutomationRules,
];
