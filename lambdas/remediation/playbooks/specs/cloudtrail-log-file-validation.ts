/** Playbook cloudtrail-log-file-validation: log file validation of a trail (CloudTrail.4). */
import { format, sdkTask, TARGET } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

/** The spec of cloudtrail-log-file-validation. */
export const CLOUDTRAIL_LOG_FILE_VALIDATION: PlaybookAslSpec = {
  id: 'cloudtrail-log-file-validation',
  description: 'turns on log file validation of the trail (resourceId: its name or ARN, as Check validated it).',
  summaries: {
    change: format('turn on log file validation of CloudTrail trail {}', TARGET.resourceId),
    success: format('turned on log file validation of CloudTrail trail {}; the read-back confirms it', TARGET.resourceId),
    noOp: format('CloudTrail trail {} already validates its log files; nothing changed', TARGET.resourceId),
    failure: format('could not turn on log file validation of CloudTrail trail {}', TARGET.resourceId),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'cloudtrail:getTrail',
      parameters: { 'Name.$': TARGET.resourceId },
      resultSelector: { 'logFileValidationEnabled.$': '$.Trail.LogFileValidationEnabled' },
      resultPath: `$.${side}`,
      next,
    }),
  }),
  fixed: (side) => ({ Variable: `$.${side}.logFileValidationEnabled`, BooleanEquals: true }),
  act: (next) => ({
    Act: sdkTask({
      call: 'cloudtrail:updateTrail',
      parameters: { 'Name.$': TARGET.resourceId, EnableLogFileValidation: true },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: 'The trail reads back with log file validation off.',
};
