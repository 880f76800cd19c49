import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { awsClient } from '../../../lambdas/shared/clients';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

let first: LocalDynamo;
let second: LocalDynamo;
const saved = { ...process.env };

beforeAll(async () => {
  [first, second] = await Promise.all([startDynalite(), startDynalite()]);
});
afterAll(async () => {
  Object.assign(process.env, saved);
  for (const name of ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL']) if (!(name in saved)) delete process.env[name];
  await Promise.all([first.stop(), second.stop()]);
});

describe('awsClient endpoints', () => {
  it('honours AWS_ENDPOINT_URL_<SERVICE> as the SDK does, per environment', async () => {
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    delete process.env.AWS_EXECUTION_ENV;
    const tableOfFirst = await first.newFindingsTable();
    const tableOfSecond = await second.newFindingsTable();

    process.env.AWS_ENDPOINT_URL_DYNAMODB = first.endpoint;
    const toFirst = awsClient(DynamoDBClient);
    expect((await toFirst.send(new ListTablesCommand({}))).TableNames).toEqual([tableOfFirst]);

    process.env.AWS_ENDPOINT_URL_DYNAMODB = second.endpoint;
    const toSecond = awsClient(DynamoDBClient);
    expect(toSecond).not.toBe(toFirst);
    expect((await toSecond.send(new ListTablesCommand({}))).TableNames).toEqual([tableOfSecond]);

    process.env.AWS_ENDPOINT_URL_DYNAMODB = first.endpoint;
    expect(awsClient(DynamoDBClient)).toBe(toFirst);
    expect((await toFirst.send(new ListTablesCommand({}))).TableNames).toEqual([tableOfFirst]);
  });
});
