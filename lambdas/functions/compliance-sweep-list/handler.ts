import { listResources, type ListInput, type ListOutput } from '../../compliance';
import { sweepTask } from '../../wiring/sweep-task';

/** Sweep task "List Resources": `{ resourceType, nextToken? }` → identifiers in batches of ≤ 100. */
export const createListHandler = (createDeps?: Parameters<typeof sweepTask>[2]) =>
  sweepTask<ListInput, ListOutput>('list', (input, { source }) => listResources(source, input), createDeps);

export const handler = createListHandler();
