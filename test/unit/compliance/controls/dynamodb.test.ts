import { dynamodbControls } from '../../../../lambdas/compliance/controls/dynamodb';
import { controlHarness } from '../../../support/controls';

const { load, control, context, evaluate } = controlHarness(dynamodbControls, 'dynamodb');

const scalingTargets = () => [load('scalable-target-sessions-read'), load('scalable-target-sessions-write')];

describe('DynamoDB.1 capacity scaling (related ScalableTarget items)', () => {
  it('passes an on-demand table', () => {
    expect(evaluate('DynamoDB.1', 'table-on-demand-protected')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('on-demand') });
  });
  it('passes a provisioned table with read and write auto scaling', () => {
    expect(evaluate('DynamoDB.1', 'table-provisioned-unprotected', scalingTargets()).status).toBe('PASSED');
  });
  it('fails a provisioned table scaling only reads, naming the missing dimension', () => {
    const result = evaluate('DynamoDB.1', 'table-provisioned-unprotected', [load('scalable-target-sessions-read')]);
    expect(result).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('WriteCapacityUnits') });
    expect(result.reason).not.toContain('ReadCapacityUnits');
  });
  it('does not judge a deleted table', () => {
    expect(evaluate('DynamoDB.1', 'table-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('DynamoDB.2 point-in-time recovery', () => {
  it('passes a table with PITR enabled', () => {
    expect(evaluate('DynamoDB.2', 'table-on-demand-protected').status).toBe('PASSED');
  });
  it('fails a table with PITR disabled', () => {
    expect(evaluate('DynamoDB.2', 'table-provisioned-unprotected')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('DISABLED') });
  });
  it('fails, naming the missing field, when continuous backups are not recorded', () => {
    const table = load('table-on-demand-protected');
    table.supplementaryConfiguration = {};
    expect(control('DynamoDB.2').evaluate(table, context('DynamoDB.2')).reason).toContain('pointInTimeRecoveryStatus missing');
  });
  it('does not judge a deleted table', () => {
    expect(evaluate('DynamoDB.2', 'table-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('DynamoDB.6 deletion protection', () => {
  it('passes a protected table', () => {
    expect(evaluate('DynamoDB.6', 'table-on-demand-protected').status).toBe('PASSED');
  });
  it('fails an unprotected table', () => {
    expect(evaluate('DynamoDB.6', 'table-provisioned-unprotected')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('deletionProtectionEnabled false') });
  });
  it('does not judge a scalable target', () => {
    expect(evaluate('DynamoDB.6', 'scalable-target-sessions-read').status).toBe('NOT_APPLICABLE');
  });
});
