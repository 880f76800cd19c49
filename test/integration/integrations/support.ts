import type { SNSEventRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { parseIntegrationsConfig } from '../../../lambdas/integrations/config';
import { credentialResolver } from '../../../lambdas/integrations/credentials';
import type { DeliveryDeps } from '../../../lambdas/integrations/deliver';
import { httpSender } from '../../../lambdas/integrations/http';
import { DynamoLinkStore } from '../../../lambdas/integrations/state/link-store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { FindingsImportedDetail } from '../../../lambdas/events/finding-events';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { alertMessage } from '../../../lambdas/triage/alerts/message';
import type { AlertReason } from '../../../lambdas/triage/alerts/policy';
import type { LocalDynamo } from '../../support/dynalite';

/** The store and delivery dependencies of one test: real store and link store on dynalite, real HTTP client (short backoff). */
export async function deliveryHarness(dynamo: LocalDynamo, destinations: unknown[], consoleUrl = 'https://console.example.com') {
  const tableName = await dynamo.newFindingsTable();
  const store = new FindingsStore({ client: dynamo.client, tableName });
  const deps: DeliveryDeps = {
    config: parseIntegrationsConfig({ consoleUrl, destinations }),
    send: httpSender({ minTimeoutMs: 5, retries: 2 }),
    credential: credentialResolver({ capture: false, getSecret: async () => undefined }),
    links: new DynamoLinkStore(dynamo.client, tableName),
    findings: {
      async read(identifier) {
        const { Findings } = await store.getFindings({
          Filters: { Id: [{ Value: identifier.Id, Comparison: 'EQUALS' }], ProductArn: [{ Value: identifier.ProductArn, Comparison: 'EQUALS' }] },
        });
        return Findings[0];
      },
      async update(request, identity) {
        const result = await store.updateFindings(request, { identity });
        if (result.UnprocessedFindings.length > 0) throw new Error(JSON.stringify(result.UnprocessedFindings));
      },
    },
    now: () => new Date(),
  };
  const read = async (finding: AwsSecurityFinding) => (await deps.findings.read(finding))!;
  return { store, deps, read, tableName };
}

/** The SNS record the alerts topic delivers for the router's alert about `finding`. */
export function alertRecord(finding: AwsSecurityFinding, reason: AlertReason = { kind: 'new' }): SNSEventRecord['Sns'] {
  const message = alertMessage(finding, reason, { count: 1, openedAt: '2026-11-01T10:00:00.000Z', windowMinutes: 60 });
  return {
    Type: 'Notification',
    MessageId: randomUUID(),
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts',
    Subject: message.subject,
    Message: message.body,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: '',
    SigningCertUrl: '',
    UnsubscribeUrl: '',
    MessageAttributes: Object.fromEntries(Object.entries(message.attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }])),
  };
}

/** A finding event detail as the publisher puts it, for the stored `finding`. */
export function findingEvent(finding: AwsSecurityFinding, change: Partial<FindingsImportedDetail['change']> = {}): FindingsImportedDetail {
  return {
    findings: [finding],
    change: { created: false, version: 2, source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'arn:aws:iam::111122223333:user/alice' }, updatedFields: [], ...change },
  };
}
