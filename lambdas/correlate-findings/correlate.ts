import type { AwsSecurityFinding } from '../shared/asff/types';
import type { AwsSecurityFindingFilters } from '../shared/filters/types';
import type { Revision, RevisionResult } from '../shared/store/findings-store';
import type { ChangeSource } from '../shared/store/history';
import type { FindingIdentifier } from '../shared/store/types';
import { correlate, resourceIdsOf, reviseWithCorrelation } from '../triage/priority/correlation';

/** What correlation needs of the findings store. */
export interface CorrelationStore {
  findAll(filters: AwsSecurityFindingFilters): Promise<{ findings: AwsSecurityFinding[] }>;
  reviseFindings(identifiers: FindingIdentifier[], revise: Revision, source: ChangeSource): Promise<RevisionResult>;
}

/** How correlation's writes appear in history and in finding events. */
export const CORRELATION_SOURCE: ChangeSource = { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' };

/** Most resources one change reads (the changed finding's, then its neighbours'): bounds the work of one event. */
export const MAX_RESOURCES_READ = 64;

/** What one correlation pass did. */
export interface CorrelationOutcome {
  resourcesRead: number;
  /** Findings considered (the changed one and every open finding on the resources read). */
  considered: number;
  revised: number;
  unchanged: number;
  notFound: number;
  contended: number;
}

const identity = (finding: AwsSecurityFinding) => `${finding.ProductArn}\n${finding.Id}`;

/**
 * Correlates after a change of `changed`: reads the ACTIVE findings on its resources, and on their
 * resources in turn (so each one's correlation is computed from everything it shares a resource
 * with), then revises every one whose priority, correlation or links differ from what correlation
 * wants — and only those, so the events those revisions cause lead to no further write.
 */
export async function correlateChange(store: CorrelationStore, changed: AwsSecurityFinding): Promise<CorrelationOutcome> {
  const byResource = new Map<string, AwsSecurityFinding[]>();
  const read = async (resourceIds: string[]) => {
    for (const resourceId of resourceIds) {
      if (byResource.has(resourceId) || byResource.size >= MAX_RESOURCES_READ) continue;
      const { findings } = await store.findAll({
        ResourceId: [{ Value: resourceId, Comparison: 'EQUALS' }],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        AwsAccountId: [{ Value: changed.AwsAccountId, Comparison: 'EQUALS' }],
      });
      byResource.set(resourceId, findings);
    }
  };
  await read(resourceIdsOf(changed));
  const members = new Map<string, AwsSecurityFinding>([[identity(changed), changed]]);
  for (const findings of [...byResource.values()]) for (const finding of findings) members.set(identity(finding), finding);
  // The neighbours' other resources: their correlation depends on those too.
  await read([...members.values()].flatMap(resourceIdsOf));
  const candidates = new Map<string, AwsSecurityFinding>();
  for (const findings of byResource.values()) for (const finding of findings) candidates.set(identity(finding), finding);
  const pool = [...candidates.values()];

  const result = await store.reviseFindings(
    [...members.values()].map(({ Id, ProductArn }) => ({ Id, ProductArn })),
    (stored) => reviseWithCorrelation(stored, correlate(stored.finding, pool)),
    CORRELATION_SOURCE,
  );
  return {
    resourcesRead: byResource.size,
    considered: members.size,
    revised: result.revised.length,
    unchanged: result.unchanged.length,
    notFound: result.notFound.length,
    contended: result.contended.length,
  };
}
