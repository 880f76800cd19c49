/**
 * S3.22 and S3.23: the account logs object-level write and read events of every S3 bucket, with a
 * multi-Region CloudTrail trail that is logging. Account-level controls over the recorded trails.
 */
import type { ConfigurationItem, ControlDefinition } from './types';
import { failed, passed } from './support/verdicts';
import { asBoolean, asString, field } from './support/readers';
import { cis3, controlPage } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { ACCOUNT_TYPE } from './support/account-item';
import { logsAllS3DataEvents, type S3DataAccess } from './support/trails';

const TRAIL = 'AWS::CloudTrail::Trail';
const trailName = (trail: ConfigurationItem) => asString(field(trail.configuration, 'name')) ?? trail.resourceName ?? trail.resourceId;
const multiRegionLogging = (trail: ConfigurationItem) =>
  asBoolean(field(trail.configuration, ['isMultiRegionTrail', 'IsMultiRegionTrail'])) === true &&
  asBoolean(field(trail.supplementaryConfiguration, 'TrailStatus', ['IsLogging', 'isLogging'])) !== false;

function s3DataEventControl(id: string, access: S3DataAccess, cis: string): ControlDefinition {
  return defineControl(
    {
      id,
      title: `S3 general purpose buckets should log object-level ${access} events`,
      description: `Checks whether the account has a logging multi-Region CloudTrail trail that logs ${access} data events (${access === 'write' ? 'WriteOnly' : 'ReadOnly'} or All) for all S3 buckets.`,
      severity: 'MEDIUM',
      resourceTypes: [ACCOUNT_TYPE],
      standards: [cis3(cis)], // and CIS v5.0.0, PCI DSS v4.0.1: membership is data
      reads: [{ resourceType: TRAIL }],
      remediationUrl: controlPage(id),
    },
    (_item, _configuration, context) => {
      const trails = liveRelated(context, TRAIL);
      if (trails.length === 0) return failed('The account has no CloudTrail trail.');
      const logging = trails.find((trail) => multiRegionLogging(trail) && logsAllS3DataEvents(trail, access));
      return logging
        ? passed(`Multi-Region trail ${trailName(logging)} logs object-level ${access} events of all S3 buckets.`)
        : failed(`No logging multi-Region trail logs object-level ${access} events of all S3 buckets (trails: ${trails.map(trailName).join(', ')}).`);
    },
  );
}

/** Security Hub's S3.22 (write events) and S3.23 (read events). */
export const s3DataEventControls: ControlDefinition[] = [s3DataEventControl('S3.22', 'write', '3.8'), s3DataEventControl('S3.23', 'read', '3.9')];
