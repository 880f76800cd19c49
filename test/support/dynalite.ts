import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { ensureFindingsTable } from '../../lambdas/store/create-table';

// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => import('node:http').Server;

/** A dynalite server on loopback, with a real SDK client pointed at it over HTTP. */
export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** Creates a fresh findings table with a unique name and returns the name. */
  newFindingsTable(): Promise<string>;
  stop(): Promise<void>;
}

let tableCounter = 0;

/** Starts dynalite in memory on a random loopback port. */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    endpoint,
    client,
    async newFindingsTable() {
      const name = `findings-${process.pid}-${++tableCounter}`;
      await ensureFindingsTable(client, name);
      return name;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
