import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import example from '../../../open-security-hub.config.example.json';
import { CONFIG_FILE_ENV, contextOf, DeploymentConfigError, loadDeploymentConfig, parseDeploymentConfig, playbookRegionsOf } from '../../../lib/config/deployment-config';

const errorOf = (value: unknown): string => {
  try {
    parseDeploymentConfig(value, 'open-security-hub.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(DeploymentConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('deployment configuration (schemas/deployment-config.schema.json)', () => {
  it('accepts the shipped example and an empty configuration', () => {
    expect(parseDeploymentConfig(example, 'example')).toEqual(example);
    expect(parseDeploymentConfig({}, 'empty')).toEqual({});
  });

  it.each([
    [{ organizationId: 'org-1' }, 'organizationId: must match pattern', '(got "org-1")'],
    [{ homeRegion: 'eu-west-1', linkedRegions: ['eu-central-1', 'eu-west'] }, 'linkedRegions/1: must match pattern', '(got "eu-west")'],
    [{ alerts: { minimumSeverity: 'SEVERE' } }, 'alerts/minimumSeverity: must be equal to one of the allowed values', '(one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)'],
    [{ logRetentionDays: 10 }, 'logRetentionDays: must be equal to one of the allowed values', '(got 10)'],
    [{ operationsEmail: 'nobody' }, 'operationsEmail: must match pattern', '(got "nobody")'],
    [{ homeRegion: 'eu-west-1', memberDeployment: { organizationalUnitIds: [] } }, 'memberDeployment/organizationalUnitIds: must NOT have fewer than 1 items', ''],
    [{ memberDeployment: { organizationalUnitIds: ['r-ab12'] } }, 'homeRegion: must have property homeRegion when property memberDeployment is present', ''],
    [{ linkedRegion: ['eu-west-1'] }, 'linkedRegion: must NOT have additional properties', '(unknown key)'],
  ])('refuses %j naming the key', (config, message, detail) => {
    const error = errorOf(config);

    expect(error).toContain('open-security-hub.config.json is not a valid Open Security Hub configuration');
    expect(error).toContain(message);
    expect(error).toContain(detail);
  });

  it('names every bad key at once', () => {
    const error = errorOf({ organizationId: 'x', homeRegion: 'nowhere' });

    expect(error).toContain('organizationId:');
    expect(error).toContain('homeRegion:');
  });

  it('reads the file named by the environment, and nothing when there is no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'osh-config-'));
    writeFileSync(join(dir, 'open-security-hub.config.json'), JSON.stringify({ homeRegion: 'eu-west-1' }));
    writeFileSync(join(dir, 'bad.json'), '{ "homeRegion": ');

    expect(loadDeploymentConfig({}, dir)).toEqual({ homeRegion: 'eu-west-1' });
    expect(loadDeploymentConfig({}, tmpdir())).toEqual({});
    expect(() => loadDeploymentConfig({ [CONFIG_FILE_ENV]: 'bad.json' }, dir)).toThrow(/bad\.json is not JSON/);
    expect(() => loadDeploymentConfig({ [CONFIG_FILE_ENV]: 'missing.json' }, dir)).toThrow(`${CONFIG_FILE_ENV}=missing.json: no such file`);
  });

  it('sets the context keys the constructs read', () => {
    expect(contextOf(example as never)).toEqual({
      organizationId: example.organizationId,
      alertEmail: example.alerts.email,
      alertMinimumSeverity: example.alerts.minimumSeverity,
      operationsEmail: example.operationsEmail,
      logRetentionDays: example.logRetentionDays,
      homeRegion: example.homeRegion, // the regional playbooks' grants and REMEDIATION_PLAYBOOK_REGIONS (docs/regions.md)
      linkedRegions: example.linkedRegions,
    });
  });

  it('gives a regional playbook stack to every linked Region but the home one', () => {
    expect(playbookRegionsOf({ homeRegion: 'eu-west-1', linkedRegions: ['eu-central-1', 'eu-west-1', 'us-east-1'] })).toEqual(['eu-central-1', 'us-east-1']);
    expect(playbookRegionsOf({})).toEqual([]);
  });
});
