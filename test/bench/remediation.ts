/**
 * Remediation figures:
 *
 * - per playbook of the registry (its real ASL on aws-local-stepfunctions, the shared tasks' real
 *   cores on dynalite, the SDK tasks on the simulated member account): state transitions (states
 *   entered, as Step Functions bills them) and wall time of one pre-approved remediation;
 * - the closed loop on the embedded default (remediation-loop.ts, in its own process: the embedded
 *   default starts once per process): time from a FAILED control finding to its verified fix
 *   (`sechub remediate --approve --wait`, then the control finding PASSED and RESOLVED).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { remediationWorld, startPlaybook } from '../integration/remediation/harness';
import { ROWS } from '../integration/remediation/playbook-rows';
import type { BenchDynamo } from './support';

/** One playbook's figures. */
export interface PlaybookFigures {
  playbook: string;
  status: string;
  stateTransitions: number;
  taskCalls: number;
  wallMs: number;
}

/** Runs every playbook once (happy path, pre-approved) on a fresh table each. */
export async function benchPlaybooks(dynamo: BenchDynamo): Promise<PlaybookFigures[]> {
  const figures: PlaybookFigures[] = [];
  for (const row of ROWS) {
    const world = await remediationWorld(dynamo.client, await dynamo.newTable(`bench-remediation-${row.playbookId}`));
    await row.setup?.(world);
    await world.store.importFindings([row.finding], { identity: 'bench' });
    const started = await startPlaybook(world, row.playbookId, row.finding, { approved: true });
    const execution = (await world.machines.wait(started.executionArn))!;
    const history = world.machines.history(execution.executionArn)!;
    figures.push({
      playbook: row.playbookId,
      status: execution.status,
      stateTransitions: history.filter((event) => event.type.endsWith('StateEntered')).length,
      taskCalls: history.filter((event) => event.type === 'TaskScheduled' || event.type === 'LambdaFunctionScheduled').length,
      wallMs: execution.stopDate!.getTime() - execution.startDate.getTime(),
    });
  }
  return figures;
}

/** What remediation-loop.ts prints. */
export interface ClosedLoopFigures {
  ok: boolean;
  /** From `sechub remediate` to the control finding PASSED and RESOLVED. */
  findingToVerifiedFixMs?: number;
  executionWallMs?: number;
  stateTransitions?: number;
  controlStatus?: string;
  workflow?: string;
  error?: string;
}

/** The closed loop on the embedded default, in a child process. */
export function benchClosedLoop(): Promise<ClosedLoopFigures> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'remediation-loop.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += String(data)));
    child.on('exit', () => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as ClosedLoopFigures);
      } catch {
        resolve({ ok: false, error: `remediation-loop printed no figures: ${line.slice(0, 200)}` });
      }
    });
  });
}
