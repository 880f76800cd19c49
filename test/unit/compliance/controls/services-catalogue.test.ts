import fc from 'fast-check';
import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import { STANDARDS } from '../../../../lambdas/compliance/standards';
import { FSBP_PUBLISHED } from '../../../../lambdas/compliance/standards/fsbp';
import type { ConfigurationItem, ControlDefinition, EvaluationContext } from '../../../../lambdas/compliance/controls/types';
import { ecsControls } from '../../../../lambdas/compliance/controls/ecs';
import { elasticsearchControls, opensearchControls } from '../../../../lambdas/compliance/controls/opensearch';
import { redshiftControls } from '../../../../lambdas/compliance/controls/redshift';
import { sagemakerControls, sagemakerUnrecordedControls } from '../../../../lambdas/compliance/controls/sagemaker';
import { wafControls } from '../../../../lambdas/compliance/controls/waf';
import { codebuildControls } from '../../../../lambdas/compliance/controls/codebuild';
import { dmsControls, dmsUnrecordedControls } from '../../../../lambdas/compliance/controls/dms';
import { elasticacheUnrecordedControls } from '../../../../lambdas/compliance/controls/elasticache';
import { networkFirewallControls, networkFirewallUnrecordedControls } from '../../../../lambdas/compliance/controls/network-firewall';
import { analyticsControls } from '../../../../lambdas/compliance/controls/analytics';
import { workflowControls } from '../../../../lambdas/compliance/controls/workflows';
import { documentdbControls, neptuneControls } from '../../../../lambdas/compliance/controls/docdb-neptune';
import { mskControls } from '../../../../lambdas/compliance/controls/msk';
import { emrBeanstalkControls } from '../../../../lambdas/compliance/controls/emr-beanstalk';

const REGISTERED: ControlDefinition[] = [
  ...ecsControls,
  ...opensearchControls,
  ...elasticsearchControls,
  ...redshiftControls,
  ...sagemakerControls,
  ...wafControls,
  ...codebuildControls,
  ...dmsControls,
  ...networkFirewallControls,
  ...analyticsControls,
  ...workflowControls,
  ...documentdbControls,
  ...neptuneControls,
  ...mskControls,
  ...emrBeanstalkControls,
];
const UNRECORDED: ControlDefinition[] = [...sagemakerUnrecordedControls, ...dmsUnrecordedControls, ...elasticacheUnrecordedControls, ...networkFirewallUnrecordedControls];
const ALL = [...REGISTERED, ...UNRECORDED];
const PREFIXES =
  /^(ECS|Opensearch|ES|Redshift|SageMaker|WAF|CodeBuild|DMS|ElastiCache|NetworkFirewall|Kinesis|Athena|Glue|StepFunctions|EventBridge|Backup|Route53|DocumentDB|Neptune|MSK|EMR|ElasticBeanstalk)\.\d+$/;
const REQUIREMENT: Record<string, RegExp> = {
  'aws-foundational-security-best-practices/v/1.0.0': /^$/,
  'cis-aws-foundations-benchmark/v/3.0.0': /^CIS AWS Foundations Benchmark v3\.0\.0\/\d+(\.\d+)*$/,
  'pci-dss/v/3.2.1': /^PCI DSS v3\.2\.1\/\d+(\.\d+)*$/,
};

/** Controls of these services that Security Hub does not list in FSBP. */
const NOT_IN_FSBP = ['Opensearch.11'];

describe('analytics, containers, networking and data services controls in the catalogue', () => {
  it('registers every recorded-type control once and none of the controls over types Config cannot list', () => {
    const ids = CONTROLS.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of REGISTERED) expect(ids.filter((id) => id === control.id)).toEqual([control.id]);
    for (const control of UNRECORDED) expect(ids).not.toContain(control.id);
    expect(REGISTERED.length).toBeGreaterThanOrEqual(92); // 95 less ECS.1, Redshift.9, CodeBuild.5 (retired by Security Hub)
  });

  it.each(ALL.map((control) => [control.id, control] as const))('%s has Security Hub id, title, severity, FSBP mapping and its control page', (id, control) => {
    expect(id).toMatch(PREFIXES);
    expect(control.title.length).toBeGreaterThan(10);
    expect(control.description.length).toBeGreaterThan(10);
    expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(control.severity);
    // FSBP, except controls Security Hub lists only in standards whose membership is data (Opensearch.11: NIST SP 800-53 Rev. 5).
    if (!NOT_IN_FSBP.includes(id)) expect(control.standards.map((mapping) => mapping.standard)).toContain('aws-foundational-security-best-practices/v/1.0.0');
    else expect(FSBP_PUBLISHED).not.toContain(id);
    for (const mapping of control.standards) {
      expect(STANDARDS.map((standard) => standard.id)).toContain(mapping.standard);
      for (const requirement of mapping.requirements) expect(requirement).toMatch(REQUIREMENT[mapping.standard]!);
    }
    expect(control.remediationUrl).toBe(
      `https://docs.aws.amazon.com/securityhub/latest/userguide/${id.split('.')[0]!.toLowerCase()}-controls.html#${id.toLowerCase().replace('.', '-')}`,
    );
    for (const parameter of Object.values(control.parameters ?? {})) expect(parameter.description.length).toBeGreaterThan(5);
  });

  it('has unique titles', () => {
    const titles = ALL.map((control) => control.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('never throws and always gives a reason, whatever the configuration, supplementary documents and related items hold', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const keys = fc.constantFrom(
      'ContainerDefinitions',
      'NetworkMode',
      'ClusterConfig',
      'VPCOptions',
      'vpcoptions',
      'LogPublishingOptions',
      'clusterParameterGroups',
      'vpcSecurityGroups',
      'rulesList',
      'rules',
      'Rules',
      'source',
      'environment',
      'logsConfig',
      'ExportConfig',
      'EngineName',
      'ReplicationTaskSettings',
      'firewall',
      'firewallPolicy',
      'ruleGroup',
      'ruleGroupResponse',
      'StreamEncryption',
      'Command',
      'GlueVersion',
      'LoggingConfiguration',
      'QueryLoggingConfig',
      'engine',
      'snapshotType',
      'ClientAuthentication',
      'SecurityConfiguration',
      'OptionSettings',
      'x',
    );
    const input = fc.record({
      control: fc.constantFrom(...ALL),
      configuration: fc.oneof(fc.constant(null), fc.dictionary(keys, json)),
      supplementary: fc.dictionary(fc.constantFrom('LoggingStatus', 'LoggingConfiguration', 'DBClusterSnapshotAttributes', 'ConfigurationSettings'), fc.oneof(json, fc.json())),
      related: fc.array(json, { maxLength: 3 }),
      parameters: fc.dictionary(fc.string({ maxLength: 30 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
    });
    fc.assert(
      fc.property(input, ({ control, configuration, supplementary, related, parameters }) => {
        const item: ConfigurationItem = {
          accountId: '111122223333',
          awsRegion: 'eu-west-1',
          resourceType: control.resourceTypes[0]!,
          resourceId: 'r-1',
          configurationItemStatus: 'OK',
          configuration: configuration as Record<string, unknown> | null,
          supplementaryConfiguration: supplementary,
        };
        const context: EvaluationContext = {
          parameters: { ...Object.fromEntries(Object.keys(control.parameters ?? {}).map((name) => [name, parameters[name] ?? 'x'])) },
          related: (type) => related.map((value, i) => ({ ...item, resourceType: type, resourceId: `rel-${i}`, configuration: value as Record<string, unknown> })),
          now: new Date('2025-05-01T00:00:00Z'),
        };
        const result = control.evaluate(item, context);
        expect(['PASSED', 'FAILED', 'NOT_APPLICABLE']).toContain(result.status);
        expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 800 },
    );
  });
});
