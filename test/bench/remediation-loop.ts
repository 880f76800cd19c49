/**
 * The closed loop on the embedded default, timed (run by remediation.ts in its own process; prints
 * one JSON line): S3.8 on the simulated account's public bucket turns FAILED on a recorded change,
 * `sechub remediate <finding-id> --approve --wait` runs its playbook, and the clock stops when the
 * control finding reads PASSED and RESOLVED.
 */
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../bin/cli/run';
import { CONFIG_PATHS } from '../../lib/local/config-service';
import { startEmbeddedDefault } from '../../lib/local/server';

const BUCKET = 'public-website-assets';

async function main(): Promise<Record<string, unknown>> {
  const local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'bench-remediation-')), logLevel: 'ERROR' });
  const hub = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const s38 = async () =>
      (
        await hub.send(
          new GetFindingsCommand({
            Filters: { ResourceId: [{ Value: `arn:aws:s3:::${BUCKET}`, Comparison: 'EQUALS' }], ComplianceSecurityControlId: [{ Value: 'S3.8', Comparison: 'EQUALS' }] },
          }),
        )
      ).Findings?.[0];
    await fetch(new URL(CONFIG_PATHS.simulateChange, local.endpoint), {
      method: 'POST',
      body: JSON.stringify({ ResourceType: 'AWS::S3::Bucket', ResourceId: BUCKET, Set: ['tags.owner=web'] }),
      headers: { 'Content-Type': 'application/json' },
    });
    await local.idle();
    const failing = await s38();
    if (failing?.Compliance?.Status !== 'FAILED') return { ok: false, error: `S3.8 is ${failing?.Compliance?.Status ?? 'absent'}, not FAILED` };
    const started = performance.now();
    const out: string[] = [];
    const code = await runCli(['remediate', '--finding-id', failing.Id!, '--approve', '--wait', '--endpoint-url', local.endpoint], {
      stdout: (text) => out.push(text),
      stderr: () => undefined,
      env: {},
    });
    await local.idle();
    const fixed = await s38();
    const elapsed = performance.now() - started;
    const outcome = code === 0 ? (JSON.parse(out.join('')) as Record<string, unknown>) : {};
    const ok = outcome.status === 'SUCCEEDED' && fixed?.Compliance?.Status === 'PASSED' && fixed.Workflow?.Status === 'RESOLVED';
    return {
      ok,
      findingToVerifiedFixMs: Math.round(elapsed),
      executionWallMs: outcome.wallMs,
      stateTransitions: outcome.stateTransitions,
      controlStatus: fixed?.Compliance?.Status,
      workflow: fixed?.Workflow?.Status,
      ...(!ok && { error: `execution ${String(outcome.status)}: ${String(outcome.error ?? '')} ${String(outcome.cause ?? '')}`.trim() }),
    };
  } finally {
    hub.destroy();
    await local.stop();
  }
}

main().then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String((error as Error)?.message ?? error) })}\n`);
    process.exit(0);
  },
);
