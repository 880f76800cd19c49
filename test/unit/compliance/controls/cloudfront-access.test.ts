import { cloudfrontAccessControls } from '../../../../lambdas/compliance/controls/cloudfront-access';
import { messagingControls } from '../../../../lambdas/compliance/controls/messaging';
import { all, describeVariants, drop, set } from '../../../support/control-variants';

const ORIGINS = 'distributionConfig.origins.items';
const FUNCTION_URL = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws';
/** A Lambda function URL origin, with or without origin access control. */
const functionUrlOrigin = (oac: string) => ({
  id: 'orders-fn',
  domainName: FUNCTION_URL,
  originPath: '',
  customOriginConfig: { hTTPPort: 80, hTTPSPort: 443, originProtocolPolicy: 'https-only' },
  originAccessControlId: oac,
});
/** A topic access policy statement (SNS records the `Policy` attribute as JSON text). */
const topicPolicy = (...statements: Record<string, unknown>[]) => set('Policy', JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const publish = { Effect: 'Allow', Action: 'SNS:Publish', Resource: 'arn:aws:sns:eu-west-1:111122223333:alerts' };

describeVariants(
  'CloudFront viewer TLS and Lambda function URL origins; SNS topic access policies',
  [...cloudfrontAccessControls, ...messagingControls.filter((control) => control.id === 'SNS.4')],
  '.',
  { 'AWS::CloudFront::Distribution': 'cloudfront/distribution-hardened', 'AWS::SNS::Topic': 'messaging/topic-kms' },
  [
    { control: 'CloudFront.15', name: 'TLSv1.2_2021 with a custom certificate', expect: 'PASSED', reason: /recommended TLS security policy TLSv1.2_2021/ },
    {
      control: 'CloudFront.15',
      name: 'TLSv1.3_2025',
      patch: set('distributionConfig.viewerCertificate.minimumProtocolVersion', 'TLSv1.3_2025'),
      expect: 'PASSED',
      reason: /TLSv1.3_2025/,
    },
    {
      control: 'CloudFront.15',
      name: 'TLSv1.2_2019',
      patch: set('distributionConfig.viewerCertificate.minimumProtocolVersion', 'TLSv1.2_2019'),
      expect: 'FAILED',
      reason: /TLS security policy TLSv1.2_2019, not a recommended one/,
    },
    {
      control: 'CloudFront.15',
      name: 'the default certificate',
      patch: set('distributionConfig.viewerCertificate', { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' }),
      expect: 'NOT_APPLICABLE',
      reason: /default CloudFront certificate/,
    },
    {
      control: 'CloudFront.15',
      name: 'legacy clients (dedicated IP)',
      patch: all(set('distributionConfig.viewerCertificate.sSLSupportMethod', 'vip'), set('distributionConfig.viewerCertificate.minimumProtocolVersion', 'TLSv1')),
      expect: 'NOT_APPLICABLE',
      reason: /legacy clients/,
    },
    { control: 'CloudFront.16', name: 'no Lambda function URL origin', expect: 'NOT_APPLICABLE', reason: /no Lambda function URL origins/ },
    {
      control: 'CloudFront.16',
      name: 'a function URL origin with origin access control',
      patch: (configuration) => (configuration.distributionConfig as { origins: { items: unknown[] } }).origins.items.push(functionUrlOrigin('E2OACLAMBDA')),
      expect: 'PASSED',
      reason: /Every Lambda function URL origin/,
    },
    {
      control: 'CloudFront.16',
      name: 'a function URL origin without origin access control',
      patch: (configuration) => (configuration.distributionConfig as { origins: { items: unknown[] } }).origins.items.push(functionUrlOrigin('')),
      expect: 'FAILED',
      reason: /without origin access control: orders-fn/,
    },
    { control: 'CloudFront.16', name: 'origins not recorded', patch: drop(ORIGINS), expect: 'NOT_APPLICABLE', reason: /no Lambda function URL origins/ },
    { control: 'SNS.4', name: 'no access policy', expect: 'PASSED', reason: /does not allow public access/ },
    {
      control: 'SNS.4',
      name: 'the owner account only',
      patch: topicPolicy({ ...publish, Principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
      expect: 'PASSED',
      reason: /does not allow/,
    },
    {
      control: 'SNS.4',
      name: 'a service principal',
      patch: topicPolicy({ ...publish, Principal: { Service: 'events.amazonaws.com' } }),
      expect: 'PASSED',
      reason: /does not allow/,
    },
    { control: 'SNS.4', name: 'everyone', patch: topicPolicy({ ...publish, Sid: 'open', Principal: { AWS: '*' } }), expect: 'FAILED', reason: /allows public access \(open:/ },
    { control: 'SNS.4', name: 'everyone (bare *), no Sid', patch: topicPolicy({ ...publish, Principal: '*' }), expect: 'FAILED', reason: /statement 1/ },
    {
      control: 'SNS.4',
      name: 'everyone with a fixed source account',
      patch: topicPolicy({ ...publish, Principal: '*', Condition: { StringEquals: { 'AWS:SourceOwner': '111122223333' } } }),
      expect: 'PASSED',
      reason: /does not allow/,
    },
    {
      control: 'SNS.4',
      name: 'everyone with a wildcard source ARN',
      patch: topicPolicy({ ...publish, Principal: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } } }),
      expect: 'FAILED',
      reason: /allows public access/,
    },
    {
      control: 'SNS.4',
      name: 'everyone with a condition not on the caller',
      patch: topicPolicy({ ...publish, Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      expect: 'FAILED',
      reason: /allows public access/,
    },
    {
      control: 'SNS.4',
      name: 'a policy object (not text)',
      patch: set('Policy', { Statement: [{ ...publish, Principal: '*' }] }),
      expect: 'FAILED',
      reason: /allows public access/,
    },
    { control: 'SNS.4', name: 'unreadable policy text', patch: set('Policy', '{not json'), expect: 'NOT_APPLICABLE', reason: /not valid JSON/ },
  ],
);
