/** Playbook iam-deactivate-access-key: sets a compromised access key Inactive (GuardDuty IAMUser findings). */
import { format, sdkTask, TARGET } from '../asl';
import type { AslStates, ReadSide } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const USER_NAME = TARGET.parameter('userName');
const KEY = [TARGET.resourceId, USER_NAME];
const Side = (side: ReadSide) => (side === 'before' ? 'Before' : 'After');

/** The Map that finds whether the finding's key is listed Active in `$.<side>.keys`: `$.<side>.key.active`. */
function keyActive(side: ReadSide, next: string): AslStates {
  const S = Side(side);
  return {
    [`Key Active ${S}`]: {
      Type: 'Map',
      Comment: 'Active when the key of the finding is listed with Status Active.',
      ItemsPath: `$.${side}.keys`,
      ItemSelector: { 'key.$': '$$.Map.Item.Value', 'keyId.$': TARGET.resourceId },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: `Finding Key Active ${S}?`,
        States: {
          [`Finding Key Active ${S}?`]: {
            Type: 'Choice',
            Choices: [
              {
                And: [
                  { Variable: '$.key.AccessKeyId', StringEqualsPath: '$.keyId' },
                  { Variable: '$.key.Status', StringEquals: 'Active' },
                ],
                Next: `Active Key ${S}`,
              },
            ],
            Default: `Other Key ${S}`,
          },
          [`Active Key ${S}`]: { Type: 'Pass', Result: 'active', End: true },
          [`Other Key ${S}`]: { Type: 'Pass', Result: 'other', End: true },
        },
      },
      ResultSelector: { 'active.$': "States.ArrayContains($, 'active')" },
      ResultPath: `$.${side}.key`,
      Next: next,
    },
  };
}

/** The spec of iam-deactivate-access-key. */
export const IAM_DEACTIVATE_ACCESS_KEY: PlaybookAslSpec = {
  id: 'iam-deactivate-access-key',
  description:
    'sets the access key of the finding to Inactive (not deleted: it can be reactivated after the investigation). The user name is target.parameters.userName from Check.',
  summaries: {
    change: format('deactivate access key {} of IAM user {}', ...KEY),
    success: format('deactivated access key {} of IAM user {}; the read-back shows it Inactive', ...KEY),
    noOp: format('access key {} of IAM user {} is not active; nothing changed', ...KEY),
    failure: format('could not deactivate access key {} of IAM user {}', ...KEY),
  },
  read: (side, next) => ({
    [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
      call: 'iam:listAccessKeys',
      parameters: { 'UserName.$': USER_NAME },
      resultSelector: { 'keys.$': '$.AccessKeyMetadata' },
      resultPath: `$.${side}`,
      next: `Key Active ${Side(side)}`,
    }),
    ...keyActive(side, next),
  }),
  fixed: (side) => ({ Variable: `$.${side}.key.active`, BooleanEquals: false }),
  act: (next) => ({
    Act: sdkTask({
      call: 'iam:updateAccessKey',
      parameters: { 'UserName.$': USER_NAME, 'AccessKeyId.$': TARGET.resourceId, Status: 'Inactive' },
      resultPath: null,
      next,
    }),
  }),
  notFixedCause: 'The access key still reads back as Active.',
};
