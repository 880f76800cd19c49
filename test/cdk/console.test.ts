/** The deployed posture console: private bucket behind CloudFront (OAC only), security headers, Cognito roles scoped to the API. */
import { Match } from 'aws-cdk-lib/assertions';
import { CONSOLE_UPDATE_OPERATIONS, isReadOperation } from '../../lib/constructs/console';
import { OPERATIONS } from '../../lambdas/api/operations';
import { wholeStackTemplate } from './whole-stack';

const template = wholeStackTemplate();

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown; Condition?: unknown };

/** `/<METHOD>/<path>` of every execute-api ARN a role's inline policy allows. */
function allowedRoutes(roleDescription: string): string[] {
  const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: roleDescription } });
  const [role] = Object.values(roles) as Array<{ Properties: { Policies: Array<{ PolicyDocument: { Statement: Statement[] } }> } }>;
  const statements = role.Properties.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
  expect(statements.every((statement) => statement.Action === 'execute-api:Invoke' && statement.Effect === 'Allow')).toBe(true);
  return statements
    .flatMap((statement) => statement.Resource as unknown[])
    .map((arn) => {
      const parts = (arn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      return String(parts[parts.length - 1]);
    });
}

const route = (name: string) => {
  const operation = OPERATIONS.find((candidate) => candidate.name === name)!;
  return `/${operation.method}${operation.path.replace(/\{[^}]+\}/g, '*')}`;
};

describe('PostureConsole', () => {
  it('serves the app from CloudFront over HTTPS with TLS 1.2+, origin access control and a security headers policy', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
        Logging: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ SigningBehavior: 'always', SigningProtocol: 'sigv4', OriginAccessControlOriginType: 's3' }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
  });

  it('sets a content security policy that allows only the app itself, the API and Cognito', () => {
    const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(policy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('connect-src');
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-eval|\*)/);
  });

  it('keeps the bucket private: public access blocked, and its policy allows only CloudFront (this distribution) besides denying plain HTTP', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    const site = Object.values(policies).find((policy) => JSON.stringify(policy).includes('cloudfront.amazonaws.com')) as {
      Properties: { PolicyDocument: { Statement: Statement[] } };
    };
    const statements = site.Properties.PolicyDocument.Statement;
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
    expect(statements.filter((statement) => statement.Effect === 'Deny').map((statement) => statement.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.anyValue(),
    });
  });

  it('signs users in through a Cognito user pool with MFA, and an identity pool without unauthenticated identities', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, AllowedOAuthFlows: ['code'] });
    template.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      Roles: { authenticated: Match.anyValue() },
      RoleMappings: { userPool: Match.objectLike({ Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' }) },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'responders', RoleArn: Match.anyValue() });
  });

  it('lets every signed-in user call only the read operations, and the responders group also the console’s changes', () => {
    const reads = OPERATIONS.filter(isReadOperation).map((operation) => route(operation.name));
    const readRole = allowedRoutes('Open Security Hub console: read operations of the API');
    expect(readRole.sort()).toEqual([...reads].sort());
    expect(readRole).toContain(route('GetFindings'));
    expect(readRole).not.toContain(route('BatchUpdateFindings'));
    expect(readRole).not.toContain(route('BatchImportFindings'));
    expect(readRole).not.toContain(route('StartRemediation'));

    const responder = allowedRoutes('Open Security Hub console: read operations and the changes a responder makes (workflow, custom actions, remediation, controls, insights)');
    expect(responder.sort()).toEqual([...reads, ...CONSOLE_UPDATE_OPERATIONS.map(route)].sort());
    expect(responder).not.toContain(route('BatchImportFindings'));
    expect(responder).not.toContain(route('UpdateRemediationSettings'));
    // Both roles trust only this identity pool's authenticated identities.
    const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: Match.stringLikeRegexp('^Open Security Hub console') } });
    for (const role of Object.values(roles) as Array<{ Properties: { AssumeRolePolicyDocument: { Statement: Statement[] } } }>) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Condition: {
            StringEquals: { 'cognito-identity.amazonaws.com:aud': expect.anything() },
            'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
          },
        }),
      ]);
    }
  });

  it('admits the console’s origin through unauthenticated OPTIONS preflights, with CORS headers on errors and answers', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: Match.objectLike({ Type: 'MOCK' }) });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CORS_ALLOWED_ORIGIN: '*', REMEDIATION_STATE_MACHINES: Match.anyValue() }) },
    });
    const methods = template.findResources('AWS::ApiGateway::Method');
    expect(
      Object.values(methods)
        .filter((method) => (method as { Properties: { AuthorizationType: string; HttpMethod: string } }).Properties.AuthorizationType === 'NONE')
        .map((method) => (method as { Properties: { HttpMethod: string } }).Properties.HttpMethod),
    ).toEqual(['OPTIONS', 'OPTIONS']);
  });

  it('deploys the built app with a config.json naming the API and the Cognito ids', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });
});
