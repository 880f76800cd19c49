/**
 * Rules as code: `rules-as-code.json` beside this file, bundled into every function that imports
 * findings (esbuild inlines the JSON) and checked at synth (`lib/constructs/automation-rules.ts`) and
 * in tests. File format: `{ "Rules": [ <CreateAutomationRule request without Tags>, … ] }`; rule
 * names are unique. Each rule's ARN is `arn:aws:securityhub:::automation-rule/<uuid>`, the uuid
 * derived from its RuleName (no Region or account: like Security Hub's own managed resources, the
 * rule belongs to the deployment, not to an account); `CreatedBy` is {@link RULES_AS_CODE_CREATOR}
 * and the API refuses to update or delete them. Their CreatedAt/UpdatedAt is the epoch, so with an
 * equal RuleOrder they apply before rules created through the API.
 */
import file from './rules-as-code.json';
import { parseRulesAsCode } from './rules-file';
import type { AutomationRule } from './types';

export { isRuleAsCode, parseRulesAsCode, RULES_AS_CODE_ARN_PREFIX } from './rules-file';

/** The deployed rules-as-code (validated once, when the module loads). */
export const RULES_AS_CODE: readonly AutomationRule[] = parseRulesAsCode(file);
