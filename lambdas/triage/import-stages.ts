/**
 * The import pipeline's stages, in the order they run on every imported finding: automation
 * rules first (they may change severity, criticality, workflow), then prioritization (which reads
 * what the rules left). One registry: every writer of findings (API, normalizers, compliance)
 * builds its store from it through `findingsStoreFromEnv`.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ImportStage } from '../store';
import { automationRulesStageOn } from './automation/import-stage';
import { priorityStage } from './priority/stage';

/** What a stage may need to build itself. */
export interface StageContext {
  client: DynamoDBClient;
  tableName: string;
}

/** Builds the stages, in order. */
export function importStages(context: StageContext): ImportStage[] {
  return [
    // automation rules: first (they may change severity, criticality, workflow)
    automationRulesStageOn(context.client, context.tableName),
    // priority: always last (it scores what the stages before it left)
    priorityStage,
  ];
}
