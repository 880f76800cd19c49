import type { SeverityLabel } from '../../asff';
import type { StandardId } from '../standards';

/**
 * An AWS Config configuration item, as `BatchGetAggregateResourceConfig`, `GetResourceConfigHistory`
 * and the `Configuration Item Change` event deliver it (field names as in those payloads).
 */
export interface ConfigurationItem {
  accountId: string;
  awsRegion: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  configurationItemStatus?: 'OK' | 'ResourceDiscovered' | 'ResourceDeleted' | 'ResourceNotRecorded' | 'ResourceDeletedNotRecorded';
  configurationItemCaptureTime?: string;
  /** The resource's configuration (Config's JSON for its type). */
  configuration: Record<string, unknown> | null;
  /** Extra documents some types carry (S3 bucket policy, public access block, encryption…). */
  supplementaryConfiguration?: Record<string, unknown>;
  tags?: Record<string, string>;
}

/** The outcome of one control on one resource. */
export type ControlResult = 'PASSED' | 'FAILED' | 'NOT_APPLICABLE';

/** An evaluation: the outcome and, always, why (it becomes the finding's StatusReasons). */
export interface Evaluation {
  status: ControlResult;
  reason: string;
}

/** A control parameter's value. */
export type ParameterValue = string | number | boolean | string[] | number[];

/** A control parameter: type, default and what it means. */
export interface ControlParameter {
  type: 'int' | 'string' | 'boolean' | 'stringList' | 'intList';
  default: ParameterValue;
  description: string;
  /** For list parameters: how many entries a customised value may have (Security Hub's bounds, e.g. requiredTagKeys 1–6). */
  items?: { min: number; max: number };
}

/** What an evaluator may look at besides the item itself. */
export interface EvaluationContext {
  /** The control's parameters: defaults overridden by the customer's values. */
  parameters: Record<string, ParameterValue>;
  /** The other configuration items of the same account and Region, of one resource type. */
  related(resourceType: string): ConfigurationItem[];
  /** The evaluation's clock (key age, unused credentials…): evaluators never read the real clock. */
  now: Date;
}

/** A control's place in a standard: the standard and the requirement ids it maps to there. */
export interface StandardMapping {
  standard: StandardId;
  /** Requirement ids as Security Hub lists them in RelatedRequirements (e.g. `CIS AWS Foundations Benchmark v3.0.0/2.1.4`). */
  requirements: string[];
}

/**
 * A related resource type a control's evaluator reads through `context.related`, declared so that
 * a change of such an item re-evaluates the resources it can affect (its dependents).
 */
export interface RelatedRead {
  /** The related Config resource type (same account and Region as the evaluated resource). */
  resourceType: string;
  /**
   * Whether a change of `related` can change the control's verdict on `subject`. Absent: every
   * resource of the control's types in that account and Region. Only asked when `related` still has
   * a configuration: a deleted item (configuration null) affects every subject.
   */
  affects?(related: ConfigurationItem, subject: ConfigurationItem): boolean;
}

/**
 * A security control, as Security Hub defines it (ids, titles, severities and standard mappings
 * from AWS's documentation), with our own evaluator: a pure function of a configuration item.
 */
export interface ControlDefinition {
  /** Security Hub control id, e.g. `S3.1`. */
  id: string;
  title: string;
  description: string;
  severity: SeverityLabel;
  /** AWS Config resource types the control evaluates (`AWS::::Account` for account-level controls). */
  resourceTypes: string[];
  standards: StandardMapping[];
  parameters?: Record<string, ControlParameter>;
  /** Remediation guidance link (Security Hub's control reference page). */
  remediationUrl: string;
  /** The related resource types the evaluator reads, and which resources a change of one affects. */
  reads?: RelatedRead[];
  /**
   * True for an account-level control whose subject is the same in every Region (IAM's root user and
   * password policy): it evaluates once per account, on the account item of the home Region.
   */
  perAccount?: boolean;
  /** Pure: no I/O, no env; time only through `context.now`. */
  evaluate(item: ConfigurationItem, context: EvaluationContext): Evaluation;
}
