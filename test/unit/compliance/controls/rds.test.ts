import { rdsControls } from '../../../../lambdas/compliance/controls/rds';
import { controlHarness } from '../../../support/controls';

const { load, control, context, evaluate } = controlHarness(rdsControls, 'rds');

describe('RDS.1 public snapshots', () => {
  it('passes a snapshot shared with one account only', () => {
    expect(evaluate('RDS.1', 'snapshot-private').status).toBe('PASSED');
  });
  it('fails a DB snapshot restorable by all', () => {
    expect(evaluate('RDS.1', 'snapshot-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('"all"') });
  });
  it('fails a DB cluster snapshot restorable by all', () => {
    expect(evaluate('RDS.1', 'cluster-snapshot-public').status).toBe('FAILED');
  });
  it('does not judge a deleted snapshot', () => {
    expect(evaluate('RDS.1', 'snapshot-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe.each([
  ['RDS.2', 'publiclyAccessible true'],
  ['RDS.3', 'storageEncrypted false'],
  ['RDS.5', 'multiAZ false'],
  ['RDS.8', 'deletionProtection false'],
  ['RDS.11', 'less than the minimum 7'],
  ['RDS.13', 'autoMinorVersionUpgrade false'],
])('%s on DB instances', (id, why) => {
  it('passes a hardened instance', () => {
    expect(evaluate(id, 'instance-hardened').status).toBe('PASSED');
  });
  it('fails an exposed instance, saying why', () => {
    expect(evaluate(id, 'instance-exposed')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining(why) });
  });
  it('does not judge a deleted instance', () => {
    expect(evaluate(id, 'instance-deleted')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('deleted') });
  });
});

describe('RDS instance controls: documented exemptions and parameters', () => {
  it('RDS.2 fails, naming the field, when publiclyAccessible is missing', () => {
    const instance = load('instance-hardened');
    delete (instance.configuration as Record<string, unknown>).publiclyAccessible;
    expect(control('RDS.2').evaluate(instance, context('RDS.2')).reason).toContain('publiclyAccessible missing');
  });
  it('RDS.5 does not judge an instance of a DB cluster', () => {
    expect(evaluate('RDS.5', 'instance-aurora-member')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('reports-aurora') });
  });
  it('RDS.8 does not judge engines outside databaseEngines', () => {
    expect(evaluate('RDS.8', 'instance-aurora-member')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('aurora-postgresql') });
  });
  it('RDS.8 honours databaseEngines', () => {
    expect(evaluate('RDS.8', 'instance-aurora-member', [], { databaseEngines: ['aurora-postgresql'] }).status).toBe('FAILED');
  });
  it('RDS.11 does not judge read replicas', () => {
    expect(evaluate('RDS.11', 'instance-read-replica')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('read replica') });
  });
  it('RDS.11 fails an instance with automated backups disabled', () => {
    expect(evaluate('RDS.11', 'instance-no-backups')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('disabled') });
  });
  it('RDS.11 honours backupRetentionMinimum', () => {
    expect(evaluate('RDS.11', 'instance-hardened', [], { backupRetentionMinimum: 30 })).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('minimum 30') });
  });
});
