/**
 * Time from finding to chat message on a running embedded default with a chat destination declared
 * (see docs/integrations.md): imports CRITICAL findings one at a time on distinct instances and
 * polls the capture (`ListDeliveries`) until the Slack/Teams message about each arrives.
 *
 *   npx tsx test/bench/integrations-latency.ts http://127.0.0.1:4580 [count=10]
 */
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { randomUUID } from 'node:crypto';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function main(): Promise<void> {
  const [endpoint = 'http://127.0.0.1:4580', countText = '10'] = process.argv.slice(2);
  const client = new SecurityHubClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const times: number[] = [];
  const alertToChat: number[] = [];
  for (let i = 0; i < Number(countText); i += 1) {
    const id = `latency-${randomUUID()}`;
    const now = new Date().toISOString();
    const started = performance.now();
    await client.send(
      new BatchImportFindingsCommand({
        Findings: [
          {
            SchemaVersion: '2018-10-08',
            Id: id,
            ProductArn: 'arn:aws:securityhub:us-east-1:000000000000:product/000000000000/default',
            GeneratorId: 'latency-bench',
            AwsAccountId: '000000000000',
            Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B'],
            CreatedAt: now,
            UpdatedAt: now,
            Severity: { Label: 'CRITICAL' },
            Title: `C&C activity on i-${i}`,
            Description: 'latency bench',
            Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:us-east-1:000000000000:instance/i-latency-${id}` }],
          },
        ],
      }),
    );
    for (;;) {
      const answer = (await (await fetch(`${endpoint}/_sechub/deliveries`, { method: 'POST', body: JSON.stringify({ MaxItems: 50 }) })).json()) as {
        Deliveries: Array<{ Kind: string; Time: string; Body?: unknown }>;
      };
      const chat = answer.Deliveries.find((delivery) => ['slack', 'teams'].includes(delivery.Kind) && JSON.stringify(delivery.Body).includes(id));
      if (chat !== undefined) {
        // The part after the alert router: the alert's publication on the topic to the captured chat message.
        const alerts = (await (await fetch(`${endpoint}/_sechub/alerts`, { method: 'POST', body: JSON.stringify({ MaxItems: 50 }) })).json()) as {
          Alerts: Array<{ Message: string; Timestamp: string }>;
        };
        const alert = alerts.Alerts.find((candidate) => candidate.Message.includes(id));
        if (alert !== undefined) alertToChat.push(Date.parse(chat.Time) - Date.parse(alert.Timestamp));
        break;
      }
      if (performance.now() - started > 60_000) throw new Error(`no chat message for ${id} within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  const afterAlert = [...alertToChat].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      findings: times.length,
      findingToChat: { p50Ms: at(0.5), p90Ms: at(0.9), maxMs: Math.round(sorted.at(-1)!), allMs: times.map(Math.round) },
      alertToChat: { p50Ms: afterAlert[Math.floor(afterAlert.length / 2)], maxMs: afterAlert.at(-1), allMs: alertToChat },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
