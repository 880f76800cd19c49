/**
 * Every `arn:aws:states:::aws-sdk:<service>:<action>` task in statemachines/ names a real operation
 * of a real AWS SDK v3 client and only members of its input shape, with the required ones present
 * (lib/local/engine/sdk-validation), and the check itself on the clients' own schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDefinition, checkResultSelector, sdkTasksOf } from '../../../lib/local/engine';
import {
  assertSdkParameters,
  describeProblem,
  lookupOperation,
  SdkParametersError,
  stepFunctionsMemberName,
  validateSdkOutput,
  validateSdkParameters,
  validateSdkTemplate,
} from '../../../lib/local/engine';

const DIR = join(__dirname, '../../../statemachines');
const FILES = readdirSync(DIR).filter((file) => file.endsWith('.asl.json'));
const definitionOf = (file: string): unknown => JSON.parse(readFileSync(join(DIR, file), 'utf8'));
const problemsOf = (validation: ReturnType<typeof validateSdkTemplate>) => (validation.validated ? validation.problems.map(describeProblem) : [validation.reason]);

describe('the AWS SDK integration tasks of statemachines/', () => {
  const checked = FILES.flatMap((file) => checkDefinition(definitionOf(file)).map((task) => ({ file, ...task })));

  it('are found, nested Map states included', () => {
    expect(checked.length).toBeGreaterThanOrEqual(30);
    expect(checked.map((task) => task.state)).toEqual(expect.arrayContaining([expect.stringMatching(/\//)]));
  });

  it.each(FILES)('%s: every SDK task is validated against an installed client (none skipped)', (file) => {
    const unvalidated = checked.filter((task) => task.file === file && !task.validation.validated);
    // A playbook for a service without an @aws-sdk/client-* in node_modules: add that client (package.json) so it is checked.
    expect(unvalidated.map((task) => `${task.state} (${task.service}:${task.action}): ${task.validation.validated ? '' : task.validation.reason}`)).toEqual([]);
  });

  it.each(FILES)('%s: every ResultSelector path names members of the answer, as Step Functions spells them', (file) => {
    expect(checked.filter((task) => task.file === file).flatMap((task) => task.resultSelectorProblems.map((problem) => `${task.state}: ${problem}`))).toEqual([]);
  });

  it.each(FILES)('%s: every SDK task names a real operation, only its input members, and the required ones', (file) => {
    const wrong = checked
      .filter((task) => task.file === file && task.validation.validated && (task.validation.unknownOperation !== undefined || task.validation.problems.length > 0))
      .map(
        (task) =>
          `${task.state} (${task.service}:${task.action}): ${task.validation.validated ? (task.validation.unknownOperation ?? problemsOf(task.validation).join('; ')) : ''}`,
      );
    expect(wrong).toEqual([]);
  });
});

describe("the check, on the SDK v3 clients' own schemas", () => {
  it('refuses DescribeFlowLogs with Filters (its member is Filter) and takes Filter, `.$` keys counting as the member', () => {
    expect(problemsOf(validateSdkTemplate('ec2', 'describeFlowLogs', { Filters: [{ Name: 'resource-id', 'Values.$': '$.ids' }] }))).toEqual([
      'The field "Filters" is not supported by Step Functions',
    ]);
    expect(problemsOf(validateSdkTemplate('ec2', 'describeFlowLogs', { Filter: [{ Name: 'resource-id', 'Values.$': 'States.Array($.id)' }] }))).toEqual([]);
    expect(problemsOf(validateSdkTemplate('ec2', 'describeFlowLogs', { 'Filter.$': '$.filters' }))).toEqual([]);
  });

  it('names nested unknown members by their path, and required members left out, at run time and in templates', () => {
    expect(problemsOf(validateSdkParameters('ec2', 'describeFlowLogs', { Filter: [{ Name: 'resource-id', Value: ['vpc-1'] }] }))).toEqual([
      'The field "Filter[0].Value" is not supported by Step Functions',
    ]);
    expect(problemsOf(validateSdkParameters('iam', 'updateAccessKey', { AccessKeyId: 'AKIA' }))).toEqual(["The field 'Status' is required but was missing"]);
    expect(problemsOf(validateSdkTemplate('iam', 'updateAccessKey', { 'AccessKeyId.$': '$.key' }))).toEqual(["The field 'Status' is required but was missing"]);
    expect(
      problemsOf(validateSdkParameters('s3', 'putBucketEncryption', { Bucket: 'b', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: {} }] } })),
    ).toEqual(["The field 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SseAlgorithm' is required but was missing"]);
  });

  it('spells members as Step Functions does (the SDK for Java 2.x accessors, PascalCase)', () => {
    expect(
      ['DBSnapshotIdentifier', 'SSEAlgorithm', 'KMSMasterKeyID', 'ACL', 'SourceDBClusterSnapshotIdentifier', 'restApiId', 'Equals', 'DryRun'].map(stepFunctionsMemberName),
    ).toEqual(['DbSnapshotIdentifier', 'SseAlgorithm', 'KmsMasterKeyID', 'Acl', 'SourceDBClusterSnapshotIdentifier', 'RestApiId', 'EqualsValue', 'DryRun']);
    expect(problemsOf(validateSdkParameters('rds', 'describeDBSnapshotAttributes', { DbSnapshotIdentifier: 'snap' }))).toEqual([]);
    expect(problemsOf(validateSdkParameters('rds', 'describeDBSnapshotAttributes', { DBSnapshotIdentifier: 'snap' }))).toEqual([
      'The field "DBSnapshotIdentifier" is not supported by Step Functions',
      "The field 'DbSnapshotIdentifier' is required but was missing",
    ]);
  });

  it('reports an action the client lacks or spelled in PascalCase, and a service with no installed client as not validated', () => {
    expect(lookupOperation('ec2', 'describeFlowLog')).toMatchObject({ found: false, validated: true, reason: '@aws-sdk/client-ec2 has no operation DescribeFlowLog' });
    expect(lookupOperation('ec2', 'DescribeFlowLogs')).toMatchObject({ found: false, validated: true, reason: expect.stringContaining('not camelCase') });
    expect(validateSdkParameters('glacier', 'listVaults', { Nope: 1 })).toEqual({
      validated: false,
      reason: expect.stringContaining("no @aws-sdk client for the service 'glacier'"),
    });
    expect(lookupOperation('config', 'describeConfigRules')).toMatchObject({ found: true, packageName: '@aws-sdk/client-config-service' });
  });

  it("throws States.Runtime, neither retryable nor catchable, with Step Functions' cause", () => {
    const call = { service: 'ec2', action: 'describeFlowLogs', parameters: { Filters: [] } };
    expect(() => assertSdkParameters(call, 'Read Before')).toThrow(SdkParametersError);
    try {
      assertSdkParameters(call, 'Read Before');
    } catch (error) {
      expect(error).toMatchObject({ name: 'States.Runtime', isRetryable: false, isCatchable: false });
      expect((error as Error).message).toBe(
        `An error occurred while executing the state 'Read Before'. The Parameters '{"Filters":[]}' could not be used to start the Task: [The field "Filters" is not supported by Step Functions]`,
      );
    }
    expect(() => assertSdkParameters({ service: 'glacier', action: 'listVaults', parameters: { Nope: 1 } })).not.toThrow();
  });

  it("checks answers and the paths that read them in the same spelling (EC2's Return is ReturnValue, S3's SSEAlgorithm SseAlgorithm)", () => {
    expect(problemsOf(validateSdkOutput('ec2', 'revokeSecurityGroupIngress', { ReturnValue: true }))).toEqual([]);
    expect(problemsOf(validateSdkOutput('ec2', 'revokeSecurityGroupIngress', { Return: true }))).toEqual(['The field "Return" is not supported by Step Functions']);
    const rules = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] };
    expect(problemsOf(validateSdkOutput('s3', 'getBucketEncryption', { ServerSideEncryptionConfiguration: rules }))).toEqual([
      'The field "ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm" is not supported by Step Functions',
    ]);
    expect(checkResultSelector('ec2', 'revokeSecurityGroupIngress', { 'revoked.$': '$.Return' })).toEqual([
      "ResultSelector.revoked.$: $.Return reads Return, which RevokeSecurityGroupIngress's answer does not have",
    ]);
    expect(
      checkResultSelector('ec2', 'describeInstances', {
        'vpc.$': '$.Reservations[0].Instances[0].VpcId',
        'n.$': 'States.ArrayLength($.Reservations[*].Instancez)',
        'ctx.$': '$$.Execution.Id',
      }),
    ).toEqual(["ResultSelector.n.$: $.Reservations[*].Instancez reads Reservations[*].Instancez, which DescribeInstances's answer does not have"]);
  });

  it('walks Map and Parallel states', () => {
    const task = (action: string) => ({ Type: 'Task', Resource: `arn:aws:states:::aws-sdk:ec2:${action}`, End: true });
    const tasks = sdkTasksOf({
      States: {
        Each: { Type: 'Map', ItemProcessor: { States: { Revoke: task('revokeSecurityGroupIngress') } } },
        Both: { Type: 'Parallel', Branches: [{ States: { Left: task('describeInstances') } }, { States: { Right: task('describeFlowLogs') } }] },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
      },
    });
    expect(tasks.map((entry) => `${entry.state} ${entry.action}`)).toEqual([
      'Each/Revoke revokeSecurityGroupIngress',
      'Both/Left describeInstances',
      'Both/Right describeFlowLogs',
    ]);
  });
});
