/**
 * Rules as code: `rules-as-code.json` beside this file, bundled into every function that imports
 * findings (esbuild inlines the JSON) and checked at synth (`lib/constructs/automation-rules.ts`) and
 * in tests. File format: `{ "Rules": [ <CreateAutomationRule request without Tags>, … ] }`; rule
 * names are unique. Each rule's ARN is `arn:<partition>:securityhub:<region>:<account>:automation-rule/<uuid>`
 * in the hub's account (`SECHUB_ACCOUNT_ID`, which every function gets from the stack) and Region
 * (`AWS_REGION`), the uuid derived from its RuleName; `CreatedBy` is {@link RULES_AS_CODE_CREATOR}
 * and the API refuses to update or delete them. CreatedAt/UpdatedAt: when the rule first appeared
 * in the file and last changed (`code-rule-stamps.ts`).
 */
import { partitionOf } from '../../normalize';
import file from './rules-as-code.json';
import { DEFAULT_RULES_LOCATION, parseRulesAsCode, type RulesLocation } from './rules-file';
import type { AutomationRule } from './types';

export { isRuleAsCode, parseRulesAsCode } from './rules-file';

/** The hub's account and Region as a function sees them (the embedded default's when unset). */
export function rulesLocationFromEnv(env: NodeJS.ProcessEnv = process.env): RulesLocation {
  const region = env.AWS_REGION ?? DEFAULT_RULES_LOCATION.region;
  return { partition: partitionOf(region), region, accountId: env.SECHUB_ACCOUNT_ID ?? DEFAULT_RULES_LOCATION.accountId };
}

/** The deployed rules-as-code (validated once, when the module loads). */
export const RULES_AS_CODE: readonly AutomationRule[] = parseRulesAsCode(file, rulesLocationFromEnv());
