import type { AwsSecurityFinding } from '../asff';
import type { ProviderField } from './import-rules';

/**
 * Import stages: steps every imported finding passes through after Security Hub's import rules
 * (`import-rules.ts`) and before the store writes it — automation rules, then prioritization.
 * The store knows only this interface; the stages themselves live with their capability
 * (`lambdas/triage/`) and are listed in one registry the store is built from (`from-env.ts`).
 */

/** A finding on its way into the store. */
export interface ImportDraft {
  /** The finding as Security Hub's import rules produced it (this stage may change it). */
  finding: AwsSecurityFinding;
  /** Provider fields the customer owns (BatchUpdateFindings or an automation rule set them). */
  customerOwned: ProviderField[];
  /** The stored version this import replaces; undefined when the import creates the finding. */
  previous?: AwsSecurityFinding;
}

/** What a stage does to one draft: returns the draft to write (the same object, or a new one). */
export type ImportStep = (draft: ImportDraft) => ImportDraft;

/** One stage of the import pipeline. */
export interface ImportStage {
  /** Names the stage in logs and errors. */
  readonly name: string;
  /** Called once per import batch, so a stage loads what it needs (e.g. rules) once per batch. */
  prepare(now: Date): Promise<ImportStep>;
}

/** Runs a draft through the prepared steps, in order. */
export function runImportSteps(steps: readonly ImportStep[], draft: ImportDraft): ImportDraft {
  return steps.reduce((current, step) => step(current), draft);
}

/** Why an import refuses one finding: its `FailedFindings` entry. */
export interface ImportRefusal {
  ErrorCode: string;
  ErrorMessage: string;
}

/**
 * Decides, before anything is written, whether the hub accepts a (schema-valid) finding at all —
 * the hub enabled, the product's import enabled, the account a member. Like a stage, it loads what it needs once per batch.
 */
export interface ImportAdmission {
  /** `findings`: the batch's schema-valid findings, so an admission can read what it needs for them at once. */
  prepare(now: Date, findings: readonly AwsSecurityFinding[]): Promise<(finding: AwsSecurityFinding) => ImportRefusal | undefined>;
}

/** Admits a finding when every admission does; the first refusal is the answer. */
export function allAdmissions(...admissions: readonly ImportAdmission[]): ImportAdmission {
  return {
    async prepare(now, findings) {
      const admits = await Promise.all(admissions.map((admission) => admission.prepare(now, findings)));
      return (finding) => {
        for (const admit of admits) {
          const refusal = admit(finding);
          if (refusal !== undefined) return refusal;
        }
        return undefined;
      };
    },
  };
}
