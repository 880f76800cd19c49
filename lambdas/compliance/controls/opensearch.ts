import type { ControlDefinition, StandardMapping } from './types';
import type { SeverityLabel } from '../../asff';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field, type FieldKey } from './support/readers';
import { stringListParameter } from './support/parameters';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, type GuardedEvaluator } from './support/guard';

/**
 * OpenSearch Service (`Opensearch.*`, AWS::OpenSearch::Domain) and its predecessor Elasticsearch
 * Service (`ES.*`, AWS::Elasticsearch::Domain) share their checks: one evaluator per check, read
 * through both Config shapes (CloudFormation's `ClusterConfig`/`VPCOptions` and the describe API's
 * `elasticsearchClusterConfig`/`vPCOptions`).
 */

const OPENSEARCH = ['AWS::OpenSearch::Domain'];
const ELASTICSEARCH = ['AWS::Elasticsearch::Domain'];
const CLUSTER: FieldKey = ['ClusterConfig', 'clusterConfig', 'ElasticsearchClusterConfig', 'elasticsearchClusterConfig'];
/** Security Hub's "latest supported TLS security policy" for Opensearch.8 and ES.8 (the control pages' parameter). */
export const LATEST_TLS_POLICY = 'Policy-Min-TLS-1-2-PFS-2023-10';
/** The PCI DSS v3.2.1 requirements Security Hub maps "not publicly accessible" controls to. */
const NETWORK_PCI = ['1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6'];

const flag = (configuration: Record<string, unknown>, ...path: FieldKey[]) => asBoolean(field(configuration, ...path));

/** A log publishing option (`ES_APPLICATION_LOGS`, `AUDIT_LOGS`…): enabled, and its log group. */
function logOption(configuration: Record<string, unknown>, type: string): { enabled: boolean; group?: string } {
  const option = field(configuration, ['LogPublishingOptions', 'logPublishingOptions'], type);
  return {
    enabled: asBoolean(field(option, ['Enabled', 'enabled'])) === true,
    group: asString(field(option, ['CloudWatchLogsLogGroupArn', 'cloudWatchLogsLogGroupArn'])),
  };
}

const checks: Record<string, GuardedEvaluator> = {
  encryptedAtRest: (_item, configuration) =>
    flag(configuration, ['EncryptionAtRestOptions', 'encryptionAtRestOptions'], ['Enabled', 'enabled']) === true
      ? passed('Encryption at rest is enabled for the domain.')
      : failed('Encryption at rest is not enabled for the domain (EncryptionAtRestOptions.Enabled is not true).'),
  inVpc: (_item, configuration) => {
    const subnets = asArray(field(configuration, ['VPCOptions', 'vpcoptions', 'vPCOptions', 'VpcOptions', 'vpcOptions'], ['SubnetIds', 'subnetIds']));
    return subnets.length
      ? passed(`The domain is in a VPC (subnets ${subnets.map(String).join(', ')}).`)
      : failed('The domain is publicly accessible: it has no VPC configuration (VPCOptions.SubnetIds is empty).');
  },
  nodeToNode: (_item, configuration) =>
    flag(configuration, ['NodeToNodeEncryptionOptions', 'nodeToNodeEncryptionOptions'], ['Enabled', 'enabled']) === true
      ? passed('Node-to-node encryption is enabled for the domain.')
      : failed('Node-to-node encryption is not enabled for the domain (NodeToNodeEncryptionOptions.Enabled is not true).'),
  errorLogs: (_item, configuration) => {
    const logs = logOption(configuration, 'ES_APPLICATION_LOGS');
    return logs.enabled && logs.group
      ? passed(`Error logs (ES_APPLICATION_LOGS) are published to ${logs.group}.`)
      : failed('Error logs are not published to CloudWatch Logs (LogPublishingOptions.ES_APPLICATION_LOGS is not enabled with a log group).');
  },
  auditLogs: (_item, configuration, context) => {
    const logs = logOption(configuration, 'AUDIT_LOGS');
    if (!logs.enabled || !logs.group) return failed('Audit logging is not enabled (LogPublishingOptions.AUDIT_LOGS is not enabled with a log group).');
    const allowed = stringListParameter(context.parameters, 'cloudWatchLogsLogGroupArnList', []);
    return allowed.length && !allowed.includes(logs.group)
      ? failed(`Audit logs go to ${logs.group}, which is not in cloudWatchLogsLogGroupArnList.`)
      : passed(`Audit logs are published to ${logs.group}.`);
  },
  threeDataNodes: (_item, configuration) => {
    const count = asNumber(field(configuration, CLUSTER, ['InstanceCount', 'instanceCount'])) ?? 0;
    const zoneAware = flag(configuration, CLUSTER, ['ZoneAwarenessEnabled', 'zoneAwarenessEnabled']) === true;
    return count >= 3 && zoneAware
      ? passed(`The domain has ${count} data nodes with zone awareness enabled.`)
      : failed(`The domain has ${count} data node(s)${zoneAware ? '' : ' and zone awareness is not enabled'}; at least three with zone awareness are required.`);
  },
  threeMasters: (_item, configuration) => {
    const enabled = flag(configuration, CLUSTER, ['DedicatedMasterEnabled', 'dedicatedMasterEnabled']) === true;
    const count = asNumber(field(configuration, CLUSTER, ['DedicatedMasterCount', 'dedicatedMasterCount'])) ?? 0;
    return enabled && count >= 3
      ? passed(`The domain has ${count} dedicated master nodes.`)
      : failed(enabled ? `The domain has ${count} dedicated master node(s), fewer than three.` : 'The domain has no dedicated master nodes (DedicatedMasterEnabled is not true).');
  },
  fineGrained: (_item, configuration) =>
    flag(configuration, ['AdvancedSecurityOptions', 'advancedSecurityOptions'], ['Enabled', 'enabled']) === true
      ? passed('Fine-grained access control is enabled for the domain.')
      : failed('Fine-grained access control is not enabled for the domain (AdvancedSecurityOptions.Enabled is not true).'),
  latestTls: (_item, configuration) => {
    const endpoint = field(configuration, ['DomainEndpointOptions', 'domainEndpointOptions']);
    const policy = asString(field(endpoint, ['TLSSecurityPolicy', 'tlssecurityPolicy', 'tLSSecurityPolicy', 'tlsSecurityPolicy']));
    if (asBoolean(field(endpoint, ['EnforceHTTPS', 'enforceHTTPS', 'enforceHttps'])) === false)
      return failed('The domain endpoint does not enforce HTTPS (EnforceHTTPS is false).');
    return policy === LATEST_TLS_POLICY
      ? passed(`Connections use the latest TLS security policy (${policy}).`)
      : failed(`Connections do not use the latest TLS security policy ${LATEST_TLS_POLICY} (TLSSecurityPolicy ${policy ?? 'not set'}).`);
  },
  softwareUpdate: (_item, configuration) => {
    const options = field(configuration, ['ServiceSoftwareOptions', 'serviceSoftwareOptions']);
    const available = asBoolean(field(options, ['UpdateAvailable', 'updateAvailable']));
    if (available === undefined) return notApplicable('The domain records no service software options (ServiceSoftwareOptions.UpdateAvailable).');
    const current = asString(field(options, ['CurrentVersion', 'currentVersion'])) ?? 'unknown';
    return available
      ? failed(`A service software update is available and not installed (current ${current}, new ${asString(field(options, ['NewVersion', 'newVersion'])) ?? 'unknown'}).`)
      : passed(`The domain runs the latest service software (${current}).`);
  },
};

interface Check {
  check: keyof typeof checks;
  number: number;
  title: string;
  description: string;
  severity: SeverityLabel;
  pci?: string[];
  /** False for a control in no standard that carries its own membership (NIST SP 800-53 Rev. 5 only: its membership is data). */
  fsbp?: false;
  parameters?: ControlDefinition['parameters'];
}

const AUDIT_PARAMETERS: ControlDefinition['parameters'] = {
  cloudWatchLogsLogGroupArnList: { type: 'stringList', default: [], description: 'Log groups audit logs must go to (Security Hub does not populate it: any log group).' },
};

function family(prefix: 'Opensearch' | 'ES', resourceTypes: string[], entries: Check[]): ControlDefinition[] {
  return entries.map((entry) => {
    const id = `${prefix}.${entry.number}`;
    const standards: StandardMapping[] = entry.fsbp === false ? [] : entry.pci ? [FSBP, pci321(...entry.pci)] : [FSBP];
    return defineControl(
      { id, title: entry.title, description: entry.description, severity: entry.severity, resourceTypes, standards, parameters: entry.parameters, remediationUrl: controlPage(id) },
      checks[entry.check]!,
    );
  });
}

/** Security Hub controls for Amazon OpenSearch Service domains (`Opensearch.*`). */
export const opensearchControls: ControlDefinition[] = family('Opensearch', OPENSEARCH, [
  {
    check: 'encryptedAtRest',
    number: 1,
    title: 'OpenSearch domains should have encryption at rest enabled',
    description: 'Checks whether the OpenSearch domain has encryption at rest enabled.',
    severity: 'MEDIUM',
    pci: ['1.2.1', '1.3.1', '1.3.4', '7.2.1'],
  },
  {
    check: 'inVpc',
    number: 2,
    title: 'OpenSearch domains should not be publicly accessible',
    description: 'Checks whether the OpenSearch domain is in a VPC (not publicly accessible).',
    severity: 'CRITICAL',
    pci: NETWORK_PCI,
  },
  {
    check: 'nodeToNode',
    number: 3,
    title: 'OpenSearch domains should encrypt data sent between nodes',
    description: 'Checks whether the OpenSearch domain has node-to-node encryption enabled.',
    severity: 'MEDIUM',
  },
  {
    check: 'errorLogs',
    number: 4,
    title: 'OpenSearch domain error logging to CloudWatch Logs should be enabled',
    description: 'Checks whether the OpenSearch domain publishes error logs (ES_APPLICATION_LOGS) to CloudWatch Logs.',
    severity: 'MEDIUM',
  },
  {
    check: 'auditLogs',
    number: 5,
    title: 'OpenSearch domains should have audit logging enabled',
    description: 'Checks whether the OpenSearch domain publishes audit logs (AUDIT_LOGS) to CloudWatch Logs.',
    severity: 'MEDIUM',
    parameters: AUDIT_PARAMETERS,
  },
  {
    check: 'threeDataNodes',
    number: 6,
    title: 'OpenSearch domains should have at least three data nodes',
    description: 'Checks whether the OpenSearch domain has at least three data nodes and zone awareness enabled.',
    severity: 'MEDIUM',
  },
  {
    check: 'fineGrained',
    number: 7,
    title: 'OpenSearch domains should have fine-grained access control enabled',
    description: 'Checks whether the OpenSearch domain has fine-grained access control (AdvancedSecurityOptions) enabled.',
    severity: 'HIGH',
  },
  {
    check: 'latestTls',
    number: 8,
    title: 'Connections to OpenSearch domains should be encrypted using the latest TLS security policy',
    description: `Checks whether the OpenSearch domain endpoint uses the latest TLS security policy (${LATEST_TLS_POLICY}) with HTTPS enforced.`,
    severity: 'MEDIUM',
  },
  {
    check: 'softwareUpdate',
    number: 10,
    title: 'OpenSearch domains should have the latest software update installed',
    description: 'Checks whether the OpenSearch domain has a service software update available that is not installed.',
    severity: 'LOW',
  },
  {
    check: 'threeMasters',
    number: 11,
    title: 'OpenSearch domains should have at least three dedicated primary nodes',
    description: 'Checks whether the OpenSearch domain has at least three dedicated primary (master) nodes.',
    severity: 'LOW',
    fsbp: false,
  },
]);

/** Security Hub controls for Amazon Elasticsearch Service domains (`ES.*`). */
export const elasticsearchControls: ControlDefinition[] = family('ES', ELASTICSEARCH, [
  {
    check: 'encryptedAtRest',
    number: 1,
    title: 'Elasticsearch domains should have encryption at-rest enabled',
    description: 'Checks whether the Elasticsearch domain has encryption at rest enabled.',
    severity: 'MEDIUM',
    pci: ['3.4'],
  },
  {
    check: 'inVpc',
    number: 2,
    title: 'Elasticsearch domains should not be publicly accessible',
    description: 'Checks whether the Elasticsearch domain is in a VPC (not publicly accessible).',
    severity: 'CRITICAL',
    pci: NETWORK_PCI,
  },
  {
    check: 'nodeToNode',
    number: 3,
    title: 'Elasticsearch domains should encrypt data sent between nodes',
    description: 'Checks whether the Elasticsearch domain has node-to-node encryption enabled.',
    severity: 'MEDIUM',
  },
  {
    check: 'errorLogs',
    number: 4,
    title: 'Elasticsearch domain error logging to CloudWatch Logs should be enabled',
    description: 'Checks whether the Elasticsearch domain publishes error logs (ES_APPLICATION_LOGS) to CloudWatch Logs.',
    severity: 'MEDIUM',
  },
  {
    check: 'auditLogs',
    number: 5,
    title: 'Elasticsearch domains should have audit logging enabled',
    description: 'Checks whether the Elasticsearch domain publishes audit logs (AUDIT_LOGS) to CloudWatch Logs.',
    severity: 'MEDIUM',
    parameters: AUDIT_PARAMETERS,
  },
  {
    check: 'threeDataNodes',
    number: 6,
    title: 'Elasticsearch domains should have at least three data nodes',
    description: 'Checks whether the Elasticsearch domain has at least three data nodes and zone awareness enabled.',
    severity: 'MEDIUM',
  },
  {
    check: 'threeMasters',
    number: 7,
    title: 'Elasticsearch domains should be configured with at least three dedicated master nodes',
    description: 'Checks whether the Elasticsearch domain has at least three dedicated master nodes.',
    severity: 'MEDIUM',
  },
  {
    check: 'latestTls',
    number: 8,
    title: 'Connections to Elasticsearch domains should be encrypted using the latest TLS security policy',
    description: `Checks whether the Elasticsearch domain endpoint uses the latest TLS security policy (${LATEST_TLS_POLICY}) with HTTPS enforced.`,
    severity: 'MEDIUM',
  },
]);
