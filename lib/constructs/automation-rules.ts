import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { parseRulesAsCode } from '../../lambdas/triage';
import type { AutomationRule } from '../../lambdas/triage';

/** The rules-as-code file every function that imports findings bundles. */
export const RULES_AS_CODE_FILE = path.resolve(__dirname, '../../lambdas/triage/automation/rules-as-code.json');

/** Props of {@link AutomationRulesAsCode}. */
export interface AutomationRulesAsCodeProps {
  /** The rules file to check. @default {@link RULES_AS_CODE_FILE} */
  readonly file?: string;
}

/**
 * Checks the rules-as-code file at synth: `cdk synth` / `cdk deploy` fail with the offending rule's
 * field path (`Rules[1].RuleOrder: …`) instead of deploying functions that would refuse to load.
 * It creates no resources: the rules travel inside the function bundles (esbuild inlines the JSON)
 * and are read from the findings table's functions; `rules` lists them (empty when invalid).
 */
export class AutomationRulesAsCode extends Construct {
  /** The rules the deployment carries. */
  readonly rules: readonly AutomationRule[];

  constructor(scope: Construct, id: string, props: AutomationRulesAsCodeProps = {}) {
    super(scope, id);
    const file = props.file ?? RULES_AS_CODE_FILE;
    let problem: string | undefined;
    let rules: AutomationRule[] = [];
    try {
      rules = parseRulesAsCode(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      problem = `Automation rules-as-code file ${path.relative(process.cwd(), file)} is invalid: ${(error as Error).message}`;
    }
    this.rules = rules;
    this.node.addValidation({ validate: () => (problem === undefined ? [] : [problem]) });
  }
}
