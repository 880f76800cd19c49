import { archiveStale, type ArchiveStaleInput, type ArchiveStaleOutput } from '../../compliance';
import { sweepTask } from '../../wiring/sweep-task';

/** Sweep task "Archive Stale Findings": archives control findings of resources Config no longer has. */
export const createArchiveStaleHandler = (createDeps?: Parameters<typeof sweepTask>[2]) =>
  sweepTask<ArchiveStaleInput, ArchiveStaleOutput>(
    'archive-stale',
    (input, { source, store, now, homeRegion }) => archiveStale(source, store, input, now(), homeRegion),
    createDeps,
  );

export const handler = createArchiveStaleHandler();
