/**
 * Scheduled (hourly): membership from AWS Organizations. Reads the organization (ListRoots,
 * ListOrganizationalUnitsForParent, ListAccountsForParent) and writes the member records that
 * changed: new accounts (Enabled when AutoEnable is on), OU moves, suspensions, departures. Thin:
 * the core is lambdas/organization/ (syncMembership). The administrator is this function's own account.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { Context } from 'aws-lambda';
import { organizationStoreOn, organizationsReader, syncMembership, type MembershipSyncResult } from '../../organization';
import { requireEnv } from '../../shared/env';
import { awsClient } from '../../shared/clients';
import { createLogger } from '../../shared/logger';

const logger = createLogger();
const repository = organizationStoreOn(awsClient(DynamoDBClient), requireEnv('FINDINGS_TABLE'));
const reader = organizationsReader(awsClient(OrganizationsClient));

export const handler = middy<unknown, MembershipSyncResult>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (_event, context: Context) => {
    const administrator = context.invokedFunctionArn.split(':')[4];
    const result = await syncMembership(repository, reader, administrator, new Date());
    logger.info('Organization synced', { ...result });
    return result;
  });
