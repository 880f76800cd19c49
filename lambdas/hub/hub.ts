/**
 * The hub: whether Security Hub is enabled for the account this deployment serves, its
 * configuration, the third-party products it accepts findings from, and the hub's tags. Pure: the
 * state and the rules over it; `state/hub-store.ts` keeps it on the findings table.
 */
import type { AwsSecurityFinding } from '../asff';
import type { ImportRefusal } from '../store';
import { catalogueProduct, isAwsProduct, isDefaultProduct, parseProductArn, PRODUCTS } from '../asff';

/** How control findings are generated (Security Hub's ControlFindingGenerator). */
export type ControlFindingGenerator = 'SECURITY_CONTROL' | 'STANDARD_CONTROL';

/** The hub of one account, as stored. */
export interface HubState {
  enabled: boolean;
  /** When the hub was (last) enabled, ISO 8601. */
  subscribedAt: string;
  autoEnableControls: boolean;
  controlFindingGenerator: ControlFindingGenerator;
  /** Third-party products enabled for import: `<company>/<product>` keys of the catalogue. */
  subscriptions: string[];
  tags: Record<string, string>;
}

/** The hub a deployment starts with: enabled (deploying it is enabling Security Hub), no third-party product. */
export function defaultHubState(now: Date): HubState {
  return { enabled: true, subscribedAt: now.toISOString(), autoEnableControls: true, controlFindingGenerator: 'SECURITY_CONTROL', subscriptions: [], tags: {} };
}

/** Where the hub is: its account, Region and partition. */
export interface HubLocation {
  accountId: string;
  region: string;
  partition: string;
}

/** `arn:<partition>:securityhub:<region>:<account>:hub/default`, as Security Hub names an account's hub. */
export function hubArn(location: HubLocation): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:hub/default`;
}

/** `arn:<partition>:securityhub:<region>:<account>:product-subscription/<company>/<product>`. */
export function subscriptionArn(location: HubLocation, productKey: string): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:product-subscription/${productKey}`;
}

/** The product key of a product-subscription ARN of this hub, or undefined when it is not one. */
export function subscriptionKey(location: HubLocation, arn: string): string | undefined {
  const prefix = `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:product-subscription/`;
  if (!arn.startsWith(prefix)) return undefined;
  const key = arn.slice(prefix.length);
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(key) ? key : undefined;
}

/** Product keys whose findings are accepted: every AWS integration of the catalogue, then the subscriptions. */
export function enabledProductKeys(state: HubState): string[] {
  const aws = PRODUCTS.filter((product) => product.key.startsWith('aws/')).map((product) => product.key);
  return [...aws, ...state.subscriptions.filter((key) => !aws.includes(key))];
}

/** The refusal when the hub is disabled: Security Hub's answer to an account that is not subscribed. */
export function notSubscribedMessage(accountId: string): string {
  return `Account ${accountId} is not subscribed to AWS Security Hub`;
}

/**
 * Whether the hub accepts a finding: the hub must be enabled (else the finding's account is
 * answered as not subscribed); the account's own default product and
 * the AWS integrations always are; a third-party product only once its import is enabled.
 */
export function admitFinding(state: HubState, finding: AwsSecurityFinding): ImportRefusal | undefined {
  if (!state.enabled)
    return { ErrorCode: 'InvalidAccessException', ErrorMessage: `${notSubscribedMessage(finding.AwsAccountId)} (DisableSecurityHub); EnableSecurityHub to import again` };
  const parts = parseProductArn(finding.ProductArn);
  const denied = `Not authorized to perform: securityhub:BatchImportFindings on resource: ${finding.ProductArn}`;
  if (parts === undefined) {
    return { ErrorCode: 'AccessDeniedException', ErrorMessage: `${denied} (not a product ARN: arn:<partition>:securityhub:<region>:[<account>]:product/<company>/<product>)` };
  }
  if (isDefaultProduct(parts) || isAwsProduct(parts)) return undefined;
  const key = `${parts.company}/${parts.product}`;
  if (state.subscriptions.includes(key)) return undefined;
  const hint =
    catalogueProduct(finding.ProductArn) === undefined
      ? "the product is not in the catalogue (DescribeProducts); send it as the account's default product"
      : `import from this product is not enabled; call EnableImportFindingsForProduct with ProductArn arn:${parts.partition}:securityhub:${parts.region}::product/${key}`;
  return { ErrorCode: 'AccessDeniedException', ErrorMessage: `${denied} (${hint})` };
}
