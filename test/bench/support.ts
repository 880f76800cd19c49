import { spawn, type ChildProcess } from 'node:child_process';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureFindingsTable } from '../../lambdas/store/create-table';

/** dynalite in its own process (a second core), as a DynamoDB endpoint is in production. */
export interface BenchDynamo {
  endpoint: string;
  client: DynamoDBClient;
  /** The dynalite child's process id (its memory is read from /proc for the organization bench). */
  pid?: number;
  newTable(name: string): Promise<string>;
  stop(): void;
}

/** Starts dynalite in a child process on a free loopback port. */
export async function startDynaliteProcess(): Promise<BenchDynamo> {
  const script = `
    const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 10,
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    client,
    pid: child.pid,
    async newTable(name) {
      await ensureFindingsTable(client, name);
      return name;
    },
    stop() {
      client.destroy();
      child.kill();
    },
  };
}

/** Runs `fn` over items with at most `limit` in flight. */
export async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Splits a list into chunks of `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
