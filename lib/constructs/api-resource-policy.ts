import * as iam from 'aws-cdk-lib/aws-iam';
import { MEMBER_OPERATIONS, OPERATIONS } from '../../lambdas/api';

/** An `execute-api` resource (any stage) for a route of the operations registry: path labels (`{InsightArn+}`) become `*`. */
export function invokeResource(method: string, path: string): string {
  return `execute-api:/*/${method}${path.replace(/\{[^}]+\}/g, '*')}`;
}

/** The `execute-api` resources of the operations a member account may call (`MEMBER_OPERATIONS`), from the registry's routes. */
export function memberInvokeResources(): string[] {
  const routes = OPERATIONS.filter((operation) => MEMBER_OPERATIONS.has(operation.name)).map((operation) => invokeResource(operation.method, operation.path));
  return [...new Set(routes)].sort();
}

/**
 * The API's resource policy: the administrator account's principals may invoke every operation;
 * with `organizationId`, the organization's principals (`aws:PrincipalOrgID`) may invoke only the
 * operations a member account may use. IAM authorization still applies: a caller also needs an
 * identity policy allowing `execute-api:Invoke`, and the API core scopes a member to its account.
 */
export function apiResourcePolicy(organizationId: string | undefined): iam.PolicyDocument {
  const statements = [
    new iam.PolicyStatement({
      sid: 'AdministratorAccount',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
    }),
  ];
  if (organizationId !== undefined) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'OrganizationMemberOperations',
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: memberInvokeResources(),
        conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      }),
    );
  }
  return new iam.PolicyDocument({ statements });
}
