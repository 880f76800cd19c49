import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '../env';
import { FindingsStore } from './findings-store';

/**
 * The findings store of a Lambda: table from `FINDINGS_TABLE`; the DynamoDB endpoint from the
 * SDK's own `AWS_ENDPOINT_URL_DYNAMODB` when set (the embedded default), else AWS's.
 */
export function findingsStoreFromEnv(): FindingsStore {
  return new FindingsStore({ client: new DynamoDBClient({}), tableName: requireEnv('FINDINGS_TABLE') });
}
