/**
 * The guard in front of every evaluator: items a control does not judge (another resource type,
 * deleted, not recorded, no configuration) are NOT_APPLICABLE before the evaluator sees them.
 */
import type { ConfigurationItem, ControlDefinition, Evaluation, EvaluationContext } from '../types';
import { notApplicable } from './verdicts';
import { isRecord } from './readers';

const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

/** NOT_APPLICABLE, with why, for an item the control cannot judge; `undefined` when it can. */
export function unjudged(item: ConfigurationItem, resourceTypes: readonly string[]): Evaluation | undefined {
  const subject = `${item.resourceType} ${item.resourceId}`;
  if (!resourceTypes.includes(item.resourceType)) {
    return notApplicable(`${item.resourceType} is not evaluated by this control (it evaluates ${resourceTypes.join(', ')}).`);
  }
  const status = item.configurationItemStatus;
  if (status && DELETED.has(status)) return notApplicable(`${subject} was deleted (${status}).`);
  if (status === 'ResourceNotRecorded') return notApplicable(`${subject} is not recorded by AWS Config (ResourceNotRecorded).`);
  if (!isRecord(item.configuration)) return notApplicable(`${subject} has no recorded configuration.`);
  return undefined;
}

/** The related items of a type that can be judged: recorded, not deleted, with a configuration. */
export function liveRelated(context: EvaluationContext, resourceType: string): ConfigurationItem[] {
  return context.related(resourceType).filter((other) => unjudged(other, [other.resourceType]) === undefined);
}

/** An evaluator that only sees items {@link unjudged} lets through, with their configuration. */
export type GuardedEvaluator = (item: ConfigurationItem, configuration: Record<string, unknown>, context: EvaluationContext) => Evaluation;

/** A control definition whose evaluator runs behind {@link unjudged}. */
export function defineControl(definition: Omit<ControlDefinition, 'evaluate'>, evaluate: GuardedEvaluator): ControlDefinition {
  return {
    ...definition,
    evaluate: (item, context) => unjudged(item, definition.resourceTypes) ?? evaluate(item, item.configuration as Record<string, unknown>, context),
  };
}
