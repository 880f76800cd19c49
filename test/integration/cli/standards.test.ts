import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';
import { runSechubAt } from '../../support/cli';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

describe('sechub standards, controls and scores against the embedded default', () => {
  let local: EmbeddedDefault;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-standards-')) });
  });
  afterAll(() => local.stop());

  const sechub = (...argv: string[]) => runSechubAt(local.endpoint, argv);

  it('enables a standard, disables a control with a reason and prints the scores', async () => {
    const enabled = await sechub('batch-enable-standards', '--standards-subscription-requests', 'StandardsArn=arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1');
    expect(enabled.code).toBe(0);
    expect(enabled.json.StandardsSubscriptions[0].StandardsStatus).toBe('READY');

    const listed = await sechub('get-enabled-standards');
    expect(listed.json.StandardsSubscriptions).toHaveLength(3);

    // PCI DSS v3.2.1 names S3.1 by its own standards-control id, PCI.S3.6, as Security Hub does.
    const arn = 'arn:aws:securityhub:us-east-1:000000000000:control/pci-dss/v/3.2.1/PCI.S3.6';
    expect((await sechub('update-standards-control', '--standards-control-arn', arn, '--control-status', 'DISABLED', '--disabled-reason', 'covered elsewhere')).code).toBe(0);
    const controls = await sechub('describe-standards-controls', '--standards-subscription-arn', 'arn:aws:securityhub:us-east-1:000000000000:subscription/pci-dss/v/3.2.1');
    expect(controls.json.Controls.find((c: { ControlId: string }) => c.ControlId === 'PCI.S3.6')).toMatchObject({ ControlStatus: 'DISABLED', DisabledReason: 'covered elsewhere' });

    const scores = await sechub('get-security-scores', '--history', '7');
    expect(scores.code).toBe(0);
    // Disabled in PCI DSS only: FSBP and CIS, enabled by default, still run S3.1 (as Security Hub), so its status stays.
    expect(scores.json.Current.ControlStatuses['S3.1']).toBe('FAILED');
    expect(scores.json.History).toEqual([]);
  });

  it('prints a service error as the AWS CLI does, exit code 254', async () => {
    // PCI DSS v3.2.1 names S3.1 by its own standards-control id, PCI.S3.6, as Security Hub does.
    const arn = 'arn:aws:securityhub:us-east-1:000000000000:control/pci-dss/v/3.2.1/PCI.S3.6';
    const result = await sechub('update-standards-control', '--standards-control-arn', arn, '--control-status', 'DISABLED');
    expect(result.code).toBe(254);
    expect(result.stderr).toContain('An error occurred (InvalidInputException) when calling the UpdateStandardsControl operation');
  });

  it("prints our own operation's error through the same path", async () => {
    const result = await sechub('get-security-scores', '--history', '400');
    expect(result.code).toBe(254);
    expect(result.stderr).toContain('HistoryDays');
  });
});
