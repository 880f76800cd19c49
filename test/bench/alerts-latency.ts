/**
 * Time from finding to alert on the embedded default: `npx tsx test/bench/alerts-latency.ts`.
 * Each round imports one new HIGH finding on its own instance through the API (BatchImportFindings)
 * and polls the local alerts topic's inbox (`sechub list-alerts`) until its alert is there: the
 * whole path — store, stream, finding-event publisher, EventBridge rule, the alert router with its
 * group and decision writes, SNS. Rounds: BENCH_ALERT_ROUNDS (default 10).
 */
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendOwnOperation } from '../../bin/cli/own-operations';
import { LOCAL_ACCOUNT_ID } from '../../lib/local/defaults';
import { startEmbeddedDefault } from '../../lib/local/server';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const PRODUCT_ARN = `arn:aws:securityhub:us-east-1:${LOCAL_ACCOUNT_ID}:product/${LOCAL_ACCOUNT_ID}/default`;

async function main(): Promise<void> {
  const local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-alert-latency-')) });
  const client = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await local.idle();
    const rounds = Number(process.env.BENCH_ALERT_ROUNDS ?? 10);
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const id = `latency-${Date.now()}-${round}`;
      const now = new Date().toISOString();
      const started = performance.now();
      await client.send(
        new BatchImportFindingsCommand({
          Findings: [
            {
              SchemaVersion: '2018-10-08',
              Id: id,
              ProductArn: PRODUCT_ARN,
              GeneratorId: 'bench',
              AwsAccountId: LOCAL_ACCOUNT_ID,
              Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'],
              CreatedAt: now,
              UpdatedAt: now,
              Severity: { Label: 'HIGH' },
              Title: 'Latency bench finding',
              Description: 'bench',
              Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:${LOCAL_ACCOUNT_ID}:instance/i-bench${round}` }],
            },
          ],
        }),
      );
      for (;;) {
        const { Alerts } = (await sendOwnOperation(client, '/_sechub/alerts', { MaxItems: 20 })) as {
          Alerts: Array<{ MessageAttributes?: Record<string, { StringValue?: string }> }>;
        };
        if (Alerts.some((alert) => alert.MessageAttributes?.findingId?.StringValue === id)) break;
        if (performance.now() - started > 60_000) throw new Error(`no alert for ${id} within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    const result = { rounds, p50Ms: at(0.5), p90Ms: at(0.9), maxMs: Math.round(sorted.at(-1) ?? 0), minMs: Math.round(sorted[0] ?? 0) };
    console.table([result]);
    console.log(JSON.stringify({ findingToAlert: result }));
  } finally {
    client.destroy();
    await local.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
