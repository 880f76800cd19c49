import * as fs from 'node:fs';
import * as path from 'node:path';
import { SWEEP_TYPE_GROUPS } from '../../../lambdas/compliance/sweep/sweep';
import { substituteDefinition, taskStates } from '../../../lib/local/engine';

// asl-validator ships no types: (definition) => { isValid, errors }.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[] };

const ASL_FILE = path.join(__dirname, '../../../statemachines/compliance-evaluation.asl.json');
const text = fs.readFileSync(ASL_FILE, 'utf8');
const SUBSTITUTIONS = {
  SweptTypes: SWEEP_TYPE_GROUPS.join(','),
  ListFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:sweep-list',
  EvaluateBatchFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:sweep-evaluate-batch',
  ArchiveStaleFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:sweep-archive-stale',
  SnapshotFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:sweep-snapshot',
};

type State = Record<string, unknown> & { Type: string; ItemProcessor?: { States: Record<string, State> } };
const definition = () => substituteDefinition(text, SUBSTITUTIONS) as { States: Record<string, State>; QueryLanguage?: string };

function allStates(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, state]) => [[name, state] as [string, State], ...(state.ItemProcessor ? allStates(state.ItemProcessor.States) : [])]);
}

describe('compliance-evaluation.asl.json', () => {
  it('is valid ASL once its placeholders are substituted', () => {
    const result = validate(definition());

    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('is JSON with placeholders only for deployed names and the swept types', () => {
    const placeholders = [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))].sort();

    expect(placeholders).toEqual(Object.keys(SUBSTITUTIONS).sort());
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('uses JSONPath (the local executor ignores JSONata)', () => {
    const states = allStates(definition().States);

    expect(definition().QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(states.every(([, state]) => state.QueryLanguage === undefined)).toBe(true);
  });

  it('names states in Title Case and asks a question in every Choice', () => {
    const states = allStates(definition().States);

    for (const [name, state] of states) {
      expect(name).toMatch(/^[A-Z][a-z]*( [A-Z][a-z]*)*\??$/);
      if (state.Type === 'Choice') expect(name.endsWith('?')).toBe(true);
    }
  });

  it('calls only the four sweep functions, each with retries for Lambda and Config throttling', () => {
    const tasks = taskStates(definition() as never);
    const states = Object.fromEntries(allStates(definition().States));

    expect(tasks.map((task) => task.resource).sort()).toEqual(
      [SUBSTITUTIONS.ArchiveStaleFunctionArn, SUBSTITUTIONS.EvaluateBatchFunctionArn, SUBSTITUTIONS.ListFunctionArn, SUBSTITUTIONS.SnapshotFunctionArn].sort(),
    );
    for (const task of tasks) {
      const retried = (states[task.name].Retry as Array<{ ErrorEquals: string[]; BackoffRate?: number }>).flatMap((retrier) => {
        expect(retrier.BackoffRate).toBeGreaterThan(1);
        return retrier.ErrorEquals;
      });
      expect(retried).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException', 'ThrottlingException']));
    }
  });

  it('loops over the list task by its nextToken, batch by batch, with bounded concurrency', () => {
    const states = Object.fromEntries(allStates(definition().States));

    expect(states['Sweep Resource Types'].MaxConcurrency).toBe(4);
    expect(states['More Resources?'].Choices).toEqual([{ Variable: '$.nextToken', IsPresent: true, Next: 'List Resources' }]);
    // Evaluate Batch gets identifiers (one batch), and hands back counts only.
    expect(states['Evaluate Batches'].ItemSelector).toEqual({ 'resources.$': '$$.Map.Item.Value' });
    expect(Object.keys(states['Evaluate Batch'].ResultSelector as object)).not.toContain('errors.$');
    expect(states['Evaluate Batches'].ResultPath).toBe('$.batches');
    expect(states['Sweep Resource Types'].ResultPath).toBeNull();
  });

  it('catches a failure of the sweep, the archive or the snapshot, records it and fails the execution', () => {
    const states = definition().States;

    for (const name of ['Sweep Resource Types', 'Archive Stale Findings', 'Snapshot Scores']) {
      expect(states[name].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Record Failure' }]);
    }
    expect(states['Record Failure'].Next).toBe('Sweep Failed');
    expect(states['Sweep Failed']).toMatchObject({ Type: 'Fail', ErrorPath: '$.failure.error', CausePath: '$.failure.cause' });
  });

  it("snapshots the scores last, with the archive task's retries and one more for rejected events", () => {
    const states = definition().States;

    expect(states['Archive Stale Findings'].Next).toBe('Snapshot Scores');
    expect(states['Archive Stale Findings'].End).toBeUndefined();
    expect(states['Snapshot Scores']).toMatchObject({ Type: 'Task', Resource: SUBSTITUTIONS.SnapshotFunctionArn, ResultPath: '$.snapshot', End: true });
    const retry = states['Snapshot Scores'].Retry as Array<{ ErrorEquals: string[] }>;
    expect(retry.slice(0, 2)).toEqual(states['Archive Stale Findings'].Retry);
    expect(retry[2].ErrorEquals).toEqual(['ScoreEventsRejectedError']);
  });
});
