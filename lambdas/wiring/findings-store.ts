import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { hubAdmissionOn } from '../hub';
import { regionGateOn, type RegionGate } from '../aggregation';
import { importStages } from '../triage';
import { requireEnv } from '../shared/env';
import { FindingsStore, allAdmissions } from '../store';
import { organizationAdmissionOn } from '../organization';
import { awsClient } from '../shared/clients';

/**
 * The findings store of a Lambda: table from `FINDINGS_TABLE` (of `region`, default the Lambda's own); the DynamoDB endpoint from the
 * SDK's own `AWS_ENDPOINT_URL_DYNAMODB` when set (the embedded default), else AWS's; the import
 * stages (automation rules, priority) from their registry; the hub's admission (hub enabled,
 * product import enabled) and the organization's (the account a member, or enrolled on first contact).
 */
export function findingsStoreFromEnv(region?: string): FindingsStore {
  const client = awsClient(DynamoDBClient, region);
  const tableName = requireEnv('FINDINGS_TABLE');
  return new FindingsStore({
    client,
    tableName,
    stages: importStages({ client, tableName }),
    admission: allAdmissions(hubAdmissionOn(client, tableName), organizationAdmissionOn(client, tableName)),
  });
}

/**
 * The Region gate of a normalizer: the findings table's finding aggregator (`FINDINGS_TABLE`), and
 * the Lambda's own Region (`AWS_REGION`) as the home Region.
 */
export function regionGateFromEnv(): RegionGate {
  return regionGateOn(awsClient(DynamoDBClient), requireEnv('FINDINGS_TABLE'), requireEnv('AWS_REGION'));
}
