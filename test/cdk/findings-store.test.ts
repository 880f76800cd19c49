import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { findingsTableDefinition } from '../../lambdas/store/create-table';
import { FINDING_INDEXES, TABLE_KEYS, indexKeyNames } from '../../lambdas/store/table-schema';
import { testStack } from './synth';

describe('FindingsStore', () => {
  let template: Template;

  beforeAll(() => {
    const stack = testStack();
    new FindingsStore(stack, 'FindingsStore');
    template = Template.fromStack(stack);
  });

  function tableProperties(): Record<string, unknown> {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    return tables[0].Properties as Record<string, unknown>;
  }

  it('keys the table by the registry pk and sk, both strings, on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it.each(FINDING_INDEXES.map((index) => [index.name, index] as const))('has the %s index keyed by its registry attributes, keys only', (_name, index) => {
    const keys = indexKeyNames(index);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: keys.pk, KeyType: 'HASH' },
            { AttributeName: keys.sk, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ]),
    });
  });

  it('has exactly the registry indexes', () => {
    const indexes = tableProperties().GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(FINDING_INDEXES.map((index) => index.name).sort());
  });

  it('lays out keys and indexes exactly as the embedded default creates its table', () => {
    const local = findingsTableDefinition('findings');
    const byName =
      <T>(key: keyof T) =>
      (a: T, b: T) =>
        String(a[key]).localeCompare(String(b[key]));
    const deployed = tableProperties();

    expect(deployed.KeySchema).toEqual(local.KeySchema);
    expect([...(deployed.AttributeDefinitions as { AttributeName: string }[])].sort(byName('AttributeName'))).toEqual(
      [...local.AttributeDefinitions!].sort(byName('AttributeName')),
    );
    expect([...(deployed.GlobalSecondaryIndexes as { IndexName: string }[])].sort(byName('IndexName'))).toEqual([...local.GlobalSecondaryIndexes!].sort(byName('IndexName')));
  });

  it('encrypts the table with its own customer-managed key that rotates', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('keeps point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('expires items by the expiresAt attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.expiresAt, Enabled: true },
    });
  });

  it('protects the table from deletion and keeps table and key when the stack goes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
