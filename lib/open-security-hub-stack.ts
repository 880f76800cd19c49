import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FindingsApi } from './constructs/findings-api';
import { FindingsStore } from './constructs/findings-store';

/** Open Security Hub in the delegated-admin account: the findings store and the Security Hub–compatible API. */
export class OpenSecurityHubStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const store = new FindingsStore(this, 'FindingsStore');
    const api = new FindingsApi(this, 'FindingsApi', { table: store.table });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Security Hub–compatible API endpoint (SigV4)' });
    new CfnOutput(this, 'FindingsTableName', { value: store.table.tableName });
  }
}
