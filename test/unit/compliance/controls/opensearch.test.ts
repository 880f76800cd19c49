import { elasticsearchControls, opensearchControls } from '../../../../lambdas/compliance/controls/opensearch';
import { describeVariants, drop, set, type Variant } from '../../../support/control-variants';

const AUDIT_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/search/audit';

describeVariants('OpenSearch controls (CloudFormation-shaped items)', opensearchControls, 'opensearch', { 'AWS::OpenSearch::Domain': 'opensearch-domain' }, [
  { control: 'Opensearch.1', name: 'encrypted at rest', expect: 'PASSED', reason: /Encryption at rest is enabled/ },
  { control: 'Opensearch.1', name: 'not encrypted at rest', patch: set('EncryptionAtRestOptions.Enabled', false), expect: 'FAILED', reason: /EncryptionAtRestOptions.Enabled is not true/ },
  { control: 'Opensearch.2', name: 'in a VPC', expect: 'PASSED', reason: /in a VPC \(subnets subnet-/ },
  { control: 'Opensearch.2', name: 'public endpoint', patch: drop('VPCOptions'), expect: 'FAILED', reason: /publicly accessible: it has no VPC configuration/ },
  { control: 'Opensearch.3', name: 'node-to-node encryption', expect: 'PASSED', reason: /Node-to-node encryption is enabled/ },
  { control: 'Opensearch.3', name: 'no node-to-node encryption', patch: drop('NodeToNodeEncryptionOptions'), expect: 'FAILED', reason: /NodeToNodeEncryptionOptions/ },
  { control: 'Opensearch.4', name: 'error logs to CloudWatch', expect: 'PASSED', reason: /ES_APPLICATION_LOGS\) are published to arn:aws:logs/ },
  { control: 'Opensearch.4', name: 'error logs disabled', patch: set('LogPublishingOptions.ES_APPLICATION_LOGS.Enabled', false), expect: 'FAILED', reason: /Error logs are not published/ },
  { control: 'Opensearch.5', name: 'audit logs to CloudWatch', expect: 'PASSED', reason: /Audit logs are published to .*audit/ },
  { control: 'Opensearch.5', name: 'no audit logs', patch: drop('LogPublishingOptions.AUDIT_LOGS'), expect: 'FAILED', reason: /AUDIT_LOGS is not enabled/ },
  { control: 'Opensearch.5', name: 'audit log group in the allowed list', parameters: { cloudWatchLogsLogGroupArnList: [AUDIT_GROUP] }, expect: 'PASSED', reason: /Audit logs are published/ },
  { control: 'Opensearch.5', name: 'audit log group not in the allowed list', parameters: { cloudWatchLogsLogGroupArnList: 'arn:aws:logs:eu-west-1:111122223333:log-group:central' }, expect: 'FAILED', reason: /not in cloudWatchLogsLogGroupArnList/ },
  { control: 'Opensearch.6', name: 'three zone-aware data nodes', expect: 'PASSED', reason: /3 data nodes with zone awareness/ },
  { control: 'Opensearch.6', name: 'two data nodes', patch: set('ClusterConfig.InstanceCount', 2), expect: 'FAILED', reason: /2 data node\(s\); at least three/ },
  { control: 'Opensearch.6', name: 'no zone awareness', patch: set('ClusterConfig.ZoneAwarenessEnabled', false), expect: 'FAILED', reason: /zone awareness is not enabled/ },
  { control: 'Opensearch.7', name: 'fine-grained access control', expect: 'PASSED', reason: /Fine-grained access control is enabled/ },
  { control: 'Opensearch.7', name: 'no fine-grained access control', patch: set('AdvancedSecurityOptions.Enabled', false), expect: 'FAILED', reason: /AdvancedSecurityOptions.Enabled/ },
  { control: 'Opensearch.8', name: 'the latest TLS policy', expect: 'PASSED', reason: /latest TLS security policy \(Policy-Min-TLS-1-2-PFS-2023-10\)/ },
  { control: 'Opensearch.8', name: 'an older TLS 1.2 policy', patch: set('DomainEndpointOptions.TLSSecurityPolicy', 'Policy-Min-TLS-1-2-2019-07'), expect: 'FAILED', reason: /do not use the latest TLS security policy Policy-Min-TLS-1-2-PFS-2023-10 \(TLSSecurityPolicy Policy-Min-TLS-1-2-2019-07\)/ },
  { control: 'Opensearch.8', name: 'TLS 1.0 policy', patch: set('DomainEndpointOptions.TLSSecurityPolicy', 'Policy-Min-TLS-1-0-2019-07'), expect: 'FAILED', reason: /TLSSecurityPolicy Policy-Min-TLS-1-0-2019-07/ },
  { control: 'Opensearch.8', name: 'HTTPS not enforced', patch: set('DomainEndpointOptions.EnforceHTTPS', false), expect: 'FAILED', reason: /does not enforce HTTPS/ },
  { control: 'Opensearch.10', name: 'no update available', expect: 'PASSED', reason: /latest service software \(OpenSearch_2_13_R20240520\)/ },
  { control: 'Opensearch.10', name: 'an update available', patch: set('ServiceSoftwareOptions.UpdateAvailable', true), expect: 'FAILED', reason: /update is available and not installed/ },
  { control: 'Opensearch.10', name: 'software options not recorded', patch: drop('ServiceSoftwareOptions'), expect: 'NOT_APPLICABLE', reason: /records no service software options/ },
]);

const esRows: Variant[] = [
  { control: 'ES.1', name: 'encrypted at rest', expect: 'PASSED', reason: /Encryption at rest is enabled/ },
  { control: 'ES.1', name: 'not encrypted', patch: set('encryptionAtRestOptions.enabled', false), expect: 'FAILED', reason: /not enabled/ },
  { control: 'ES.2', name: 'in a VPC', expect: 'PASSED', reason: /in a VPC/ },
  { control: 'ES.2', name: 'public', patch: drop('vpcoptions'), expect: 'FAILED', reason: /publicly accessible/ },
  { control: 'ES.3', name: 'node-to-node encryption', expect: 'PASSED', reason: /enabled/ },
  { control: 'ES.3', name: 'no node-to-node encryption', patch: set('nodeToNodeEncryptionOptions.enabled', 'false'), expect: 'FAILED', reason: /Node-to-node encryption is not enabled/ },
  { control: 'ES.4', name: 'error logs', expect: 'PASSED', reason: /published to/ },
  { control: 'ES.4', name: 'error logs without a log group', patch: drop('logPublishingOptions.ES_APPLICATION_LOGS.cloudWatchLogsLogGroupArn'), expect: 'FAILED', reason: /not published/ },
  { control: 'ES.5', name: 'audit logs', expect: 'PASSED', reason: /Audit logs are published/ },
  { control: 'ES.5', name: 'no audit logs', patch: set('logPublishingOptions.AUDIT_LOGS.enabled', false), expect: 'FAILED', reason: /Audit logging is not enabled/ },
  { control: 'ES.5', name: 'audit logs elsewhere than the allowed list', parameters: { cloudWatchLogsLogGroupArnList: ['arn:aws:logs:eu-west-1:111122223333:log-group:central'] }, expect: 'FAILED', reason: /not in cloudWatchLogsLogGroupArnList/ },
  { control: 'ES.6', name: 'three data nodes', expect: 'PASSED', reason: /3 data nodes/ },
  { control: 'ES.6', name: 'one data node', patch: set('elasticsearchClusterConfig.instanceCount', 1), expect: 'FAILED', reason: /1 data node/ },
  { control: 'ES.7', name: 'three dedicated masters', expect: 'PASSED', reason: /3 dedicated master nodes/ },
  { control: 'ES.7', name: 'two dedicated masters', patch: set('elasticsearchClusterConfig.dedicatedMasterCount', 2), expect: 'FAILED', reason: /2 dedicated master node\(s\), fewer than three/ },
  { control: 'ES.7', name: 'no dedicated masters', patch: set('elasticsearchClusterConfig.dedicatedMasterEnabled', false), expect: 'FAILED', reason: /no dedicated master nodes/ },
  { control: 'ES.8', name: 'the latest TLS policy', expect: 'PASSED', reason: /latest TLS security policy/ },
  { control: 'ES.8', name: 'an older TLS 1.2 policy', patch: set('domainEndpointOptions.tlssecurityPolicy', 'Policy-Min-TLS-1-2-2019-07'), expect: 'FAILED', reason: /not use the latest TLS security policy/ },
  { control: 'ES.8', name: 'no TLS policy', patch: drop('domainEndpointOptions'), expect: 'FAILED', reason: /TLSSecurityPolicy not set/ },
];
describeVariants('Elasticsearch controls (describe-API-shaped items)', elasticsearchControls, 'opensearch', { 'AWS::Elasticsearch::Domain': 'elasticsearch-domain' }, esRows);
