/** Playbook rds-snapshot-private: removes "all" from a DB snapshot's restore attribute (RDS.1). */
import { format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const CHANGE = 'make RDS DB snapshot {} private (remove all from its restore attribute)';

/** The spec of rds-snapshot-private. */
export const RDS_SNAPSHOT_PRIVATE: PlaybookAslSpec = {
  id: 'rds-snapshot-private',
  description: 'removes "all" from the restore attribute of the DB snapshot (accounts it is shared with by id keep their access).',
  summaries: {
    change: format(CHANGE, TARGET.resourceId),
    success: format('made RDS DB snapshot {} private; the read-back shows no public restore', TARGET.resourceId),
    noOp: format('RDS DB snapshot {} is not public; nothing changed', TARGET.resourceId),
    failure: format('could not make RDS DB snapshot {} private', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'rds:describeDBSnapshotAttributes',
      parameters: { 'DbSnapshotIdentifier.$': TARGET.resourceId },
      resultSelector: { 'public.$': "States.ArrayContains($.DbSnapshotAttributesResult.DbSnapshotAttributes[0].AttributeValues, 'all')" },
      resultPath: `$.${side}`,
      next,
    }),
  }),
  fixed: (side) => ({ Variable: `$.${side}.public`, BooleanEquals: false }),
  act: (next) => ({
    Act: sdkTask({
      call: 'rds:modifyDBSnapshotAttribute',
      parameters: { 'DbSnapshotIdentifier.$': TARGET.resourceId, AttributeName: 'restore', ValuesToRemove: ['all'] },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: "The snapshot's restore attribute still includes all.",
};
