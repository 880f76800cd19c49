/**
 * The whole admin stack, synthesized once per change of the code it depends on and shared by the
 * CDK suites that assert across constructs. The synthesis (as bin/app.ts wires it, lib/deployment-app.ts:
 * the stack with the member StackSets of {@link TEST_CONFIG}, and the cdk-nag AwsSolutions and
 * NIST 800-53 rev 5 packs as validation plugins) is cached in a file keyed by a hash of every
 * file it can read (lib/, lambdas/, statemachines/, schemas/, the built console/dist, bin/app.ts, the lockfile and
 * this file), so a run synthesizes it at most once (test/cdk/global-setup.ts warms it before the
 * workers start) and a run after no change to those files not at all.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { contextOf, type DeploymentConfig } from '../../lib/config/deployment-config';
import { addStacks } from '../../lib/deployment-app';
import { testApp } from './synth';

/** The configuration the cached synthesis uses: member StackSets to the root, two linked Regions (no env: templates keep their pseudo parameters). */
export const TEST_CONFIG: DeploymentConfig = {
  memberDeployment: { organizationalUnitIds: ['r-ab12', 'ou-ab12-cdefgh12'] },
  organizationId: 'o-abc123def4',
  linkedRegions: ['eu-central-1', 'ap-southeast-2'],
  operationsEmail: 'platform-oncall@example.com',
};

/** The cdk-nag packs bin/app.ts runs, by the name their reports carry. */
export const PACKS = { AwsSolutions: () => new AwsSolutionsChecks(), 'NIST.800.53.R5': () => new NIST80053R5Checks() } as const;

const ROOT = join(__dirname, '..', '..');
const INPUTS = ['lib', 'lambdas', 'statemachines', 'schemas', 'console/dist', 'bin/app.ts', 'package-lock.json', relative(ROOT, __filename)];
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'open-security-hub');

/** What one synthesis of the whole stack yields, as cached. */
export type WholeStack = {
  /** The admin stack's CloudFormation template. */
  template: Record<string, unknown>;
  /** The AwsSolutions plugin's violations in the synth's validation report (empty when clean). */
  reportViolations: unknown[];
  /** `<rule> @ <construct paths>` for every violation the pack finds walking the tree itself. */
  treeViolations: string[];
  /** Per pack: the violations in the validation report, and those found walking the tree. */
  packs: Record<keyof typeof PACKS, { reportViolations: unknown[]; treeViolations: string[] }>;
  /** Every acknowledgement in the tree: `{ construct, id, reason }` (id as `<pack>::<rule>`). */
  acknowledgements: Array<{ construct: string; id: string; reason: string }>;
  /** The standalone member templates the StackSets deploy. */
  memberTemplates: { forwarding: Record<string, unknown>; remediation: Record<string, unknown> };
};

function acknowledgementsUnder(root: IConstruct): WholeStack['acknowledgements'] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ construct: construct.node.path, id, reason }))),
    );
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** A hash of every input file's path and content. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function synthesize(): WholeStack {
  const app = testApp(contextOf(TEST_CONFIG)); // as bin/app.ts: the configuration's context keys
  const { admin: stack, memberStackSets } = addStacks(app, TEST_CONFIG);
  const assembly = app.synth(); // throws on unacknowledged errors
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName?: string; violations?: unknown[] }[];
  };
  const packs = Object.fromEntries(
    Object.entries(PACKS).map(([name, pack]) => [
      name,
      {
        reportViolations: report.pluginReports.filter((entry) => entry.pluginName === name).flatMap((entry) => entry.violations ?? []),
        treeViolations: pack()
          .validateScope(app)
          .violations.map((violation) => `${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`),
      },
    ]),
  ) as WholeStack['packs'];
  return {
    template: assembly.getStackByName(stack.stackName).template as Record<string, unknown>,
    reportViolations: packs.AwsSolutions.reportViolations,
    treeViolations: packs.AwsSolutions.treeViolations,
    packs,
    acknowledgements: acknowledgementsUnder(app),
    memberTemplates: memberStackSets!.templates,
  };
}

let loaded: WholeStack | undefined;

/** The whole stack's synthesis: from the cache file when its inputs are unchanged, else synthesized now (and cached). */
export function wholeStack(): WholeStack {
  if (loaded) return loaded;
  const file = join(CACHE_DIR, `whole-stack-${inputsHash()}.json`);
  if (existsSync(file)) {
    loaded = JSON.parse(readFileSync(file, 'utf8')) as WholeStack;
    return loaded;
  }
  loaded = synthesize();
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const stale of readdirSync(CACHE_DIR).filter((name) => name.startsWith('whole-stack-'))) rmSync(join(CACHE_DIR, stale), { force: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(loaded));
  renameSync(partial, file); // atomic: a concurrent reader sees the whole file or none
  return loaded;
}

/** The whole stack's template, for assertions. */
export function wholeStackTemplate(): Template {
  return Template.fromJSON(wholeStack().template);
}
