import { publishWeeklyReport } from '../../../lambdas/reports/weekly';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

describe('publishWeeklyReport', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(() => dynamo.stop());

  it('stores the HTML report under posture/<date>.html and sends its pre-signed link', async () => {
    const tableName = await dynamo.newFindingsTable();
    const stored: Array<{ key: string; body: string; contentType: string }> = [];
    const notices: Array<{ subject: string; message: string }> = [];
    const result = await publishWeeklyReport({
      sources: async () => ({
        findings: new FindingsStore({ client: dynamo.client, tableName }),
        settings: defaultComplianceSettings(),
        snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
        now: new Date('2026-12-07T06:00:00.000Z'),
      }),
      putObject: async (key, body, contentType) => void stored.push({ key, body, contentType }),
      presign: async (key, expires) => `https://reports.example/${key}?X-Amz-Expires=${expires}`,
      notify: async (subject, message) => void notices.push({ subject, message }),
    });
    expect(result.key).toBe('posture/2026-12-07.html');
    expect(stored).toEqual([{ key: 'posture/2026-12-07.html', body: expect.stringContaining('<!DOCTYPE html>'), contentType: 'text/html; charset=utf-8' }]);
    expect(notices).toHaveLength(1);
    expect(notices[0].subject).toBe('Security posture report 2026-12-07: score n/a');
    expect(notices[0].message).toContain('https://reports.example/posture/2026-12-07.html?X-Amz-Expires=604800');
  });
});
