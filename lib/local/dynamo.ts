/** dynalite as the embedded default's DynamoDB: loopback only, persisted under the data dir. */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dynamoDataPath } from './defaults';

// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

/** A running dynalite. */
export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite on a free loopback port. With `dataDir`, tables live in LevelDB files under it
 * and survive a restart; without, in memory.
 */
export async function startLocalDynamo(options: { dataDir?: string } = {}): Promise<LocalDynamo> {
  let path: string | undefined;
  if (options.dataDir !== undefined) {
    path = dynamoDataPath(options.dataDir);
    await mkdir(path, { recursive: true });
  }
  // Table state changes are instant locally (dynalite simulates AWS's CREATING delay otherwise).
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => {
          // dynalite waits up to 30 s for LevelDB operations it still tracks, then force-closes the
          // database and reports the timeout: the store is closed either way (every write the API
          // acknowledged has completed), so a stop does not fail on it.
          if (!error || /shutdown timed out/i.test(error.message)) resolve();
          else reject(error);
        }),
      );
      // Keep-alive sockets of the handlers' SDK clients would hold the close open.
      server.closeAllConnections();
      await closed;
    },
  };
}
