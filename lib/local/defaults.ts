/** Defaults of the embedded default, shared by `npm start` and the `sechub` CLI. */
import { join, resolve } from 'node:path';

/** The single edge port, like LocalStack's 4566 (4580 to stay clear of it). */
export const DEFAULT_PORT = 4580;
export const DEFAULT_HOST = '127.0.0.1';
/** `.data` in the project root. */
export const DEFAULT_DATA_DIR = resolve(__dirname, '..', '..', '.data');
/** The endpoint the CLI talks to when given none. */
export const DEFAULT_ENDPOINT = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
/** Account and Region the embedded default pretends to be. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
/** Table names, as the local twin of the stack's tables. */
export const LOCAL_TABLES = { findings: 'sechub-findings' } as const;

/** Where dynalite keeps its LevelDB files under a data dir. */
export function dynamoDataPath(dataDir: string): string {
  return join(dataDir, 'dynamodb');
}
