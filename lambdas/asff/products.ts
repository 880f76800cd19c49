/**
 * The product catalogue: the integrations this hub knows by name, as Security Hub's DescribeProducts
 * lists them. Data only (no I/O). A product is `<company>/<product>` in its ARN
 * (`arn:<partition>:securityhub:<region>::product/<company>/<product>`); AWS integrations are
 * always enabled, third-party ones only once EnableImportFindingsForProduct subscribed to them.
 * Adding a product is one entry here.
 */

/** What a product sends or receives (Security Hub's IntegrationType values). */
export type IntegrationType = 'SEND_FINDINGS_TO_SECURITY_HUB' | 'RECEIVE_FINDINGS_FROM_SECURITY_HUB' | 'UPDATE_FINDINGS_IN_SECURITY_HUB';

/** One product of the catalogue. */
export interface CatalogueProduct {
  /** `<company>/<product>`, as in the ProductArn. */
  readonly key: string;
  /** The registered names Security Hub stores on every finding of the product. */
  readonly productName: string;
  readonly companyName: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly integrationTypes: readonly IntegrationType[];
  readonly marketplaceUrl?: string;
  readonly activationUrl?: string;
}

const SENDS: readonly IntegrationType[] = ['SEND_FINDINGS_TO_SECURITY_HUB'];

/** AWS service integrations this product ingests (always enabled, as in Security Hub). */
const AWS_PRODUCTS: readonly CatalogueProduct[] = [
  {
    key: 'aws/guardduty',
    productName: 'GuardDuty',
    companyName: 'Amazon',
    description: 'Amazon GuardDuty threat detection findings (normalized by normalize-guardduty).',
    categories: ['Threat Detection'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/inspector',
    productName: 'Inspector',
    companyName: 'Amazon',
    description: 'Amazon Inspector vulnerability findings for EC2, ECR images and Lambda (normalized by normalize-inspector).',
    categories: ['Vulnerability Management'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/macie',
    productName: 'Macie',
    companyName: 'Amazon',
    description: 'Amazon Macie sensitive-data and S3 policy findings (normalized by normalize-macie).',
    categories: ['Data Protection'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/config',
    productName: 'Config',
    companyName: 'AWS',
    description: 'AWS Config rule evaluations (normalized by normalize-config).',
    categories: ['Compliance'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/securityhub',
    productName: 'Security Hub',
    companyName: 'AWS',
    description: 'Control findings of the enabled standards, produced by this hub.',
    categories: ['Compliance'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/access-analyzer',
    productName: 'IAM Access Analyzer',
    companyName: 'AWS',
    description: 'IAM Access Analyzer findings on resources shared outside the zone of trust.',
    categories: ['Identity and Access Management'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/firewall-manager',
    productName: 'Firewall Manager',
    companyName: 'AWS',
    description: 'AWS Firewall Manager policy findings (WAF, Shield Advanced, security groups).',
    categories: ['Network Security'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/health',
    productName: 'Health',
    companyName: 'AWS',
    description: "AWS Health events about the account's resources.",
    categories: ['Operations'],
    integrationTypes: SENDS,
  },
  {
    key: 'aws/ssm-patch-manager',
    productName: 'Systems Manager Patch Manager',
    companyName: 'AWS',
    description: 'AWS Systems Manager Patch Manager patch compliance findings.',
    categories: ['Vulnerability Management'],
    integrationTypes: SENDS,
  },
];

/** Third-party producers (names as in Security Hub's partner list); enabled on request. */
const THIRD_PARTY_PRODUCTS: readonly CatalogueProduct[] = [
  {
    key: 'prowler/prowler',
    productName: 'Prowler',
    companyName: 'Prowler',
    description: 'Prowler: open-source AWS security best-practice assessments (prowler --security-hub).',
    categories: ['Compliance', 'Configuration Management'],
    integrationTypes: SENDS,
    activationUrl: 'https://docs.prowler.com/',
  },
  {
    key: 'aquasecurity/aquasecurity',
    productName: 'Aqua Security',
    companyName: 'Aqua Security',
    description: 'Aqua Security, including Trivy image and file-system scans (trivy --format template --template @contrib/asff.tpl).',
    categories: ['Vulnerability Management', 'Container Security'],
    integrationTypes: SENDS,
    activationUrl: 'https://trivy.dev/',
  },
  {
    key: 'aqua-security/kube-bench',
    productName: 'Kube-bench',
    companyName: 'Aqua Security',
    description: 'kube-bench: CIS Kubernetes Benchmark checks (kube-bench --asff).',
    categories: ['Compliance', 'Container Security'],
    integrationTypes: SENDS,
    activationUrl: 'https://github.com/aquasecurity/kube-bench',
  },
  {
    key: 'cloud-custodian/cloud-custodian',
    productName: 'Cloud Custodian',
    companyName: 'Cloud Custodian',
    description: "Cloud Custodian policies' post-finding action.",
    categories: ['Compliance', 'Configuration Management'],
    integrationTypes: ['SEND_FINDINGS_TO_SECURITY_HUB', 'RECEIVE_FINDINGS_FROM_SECURITY_HUB'],
    activationUrl: 'https://cloudcustodian.io/',
  },
  {
    key: 'snyk/snyk',
    productName: 'Snyk',
    companyName: 'Snyk',
    description: 'Snyk open-source, container and infrastructure-as-code vulnerability findings.',
    categories: ['Vulnerability Management'],
    integrationTypes: SENDS,
    activationUrl: 'https://snyk.io/',
  },
  {
    key: 'sysdig/sysdig-secure-for-cloud',
    productName: 'Sysdig Secure for cloud',
    companyName: 'Sysdig',
    description: 'Sysdig Secure for cloud: cloud and container runtime findings.',
    categories: ['Container Security', 'Threat Detection'],
    integrationTypes: SENDS,
  },
  {
    key: 'lacework/lacework',
    productName: 'Lacework',
    companyName: 'Lacework',
    description: 'Lacework cloud security findings.',
    categories: ['Threat Detection', 'Compliance'],
    integrationTypes: SENDS,
  },
  {
    key: 'stackrox/kubernetes-security',
    productName: 'Kubernetes Security',
    companyName: 'StackRox',
    description: 'StackRox (Red Hat Advanced Cluster Security) Kubernetes findings.',
    categories: ['Container Security'],
    integrationTypes: SENDS,
  },
];

/** Every catalogued product, AWS integrations first. */
export const PRODUCTS: readonly CatalogueProduct[] = [...AWS_PRODUCTS, ...THIRD_PARTY_PRODUCTS];

const BY_KEY = new Map(PRODUCTS.map((product) => [product.key, product]));

/** The parts of a product ARN, or undefined when `arn` is not one. */
export interface ProductArnParts {
  partition: string;
  region: string;
  /** Empty for products hosted by their customers (third-party and AWS products). */
  account: string;
  company: string;
  product: string;
}

const PRODUCT_ARN = /^arn:(aws|aws-cn|aws-us-gov):securityhub:([a-z0-9-]*):(\d{12})?:product\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** Splits a ProductArn; undefined when it is not `arn:<partition>:securityhub:<region>:[<account>]:product/<company>/<product>`. */
export function parseProductArn(arn: string): ProductArnParts | undefined {
  const match = PRODUCT_ARN.exec(arn);
  if (match === null) return undefined;
  return { partition: match[1], region: match[2], account: match[3] ?? '', company: match[4], product: match[5] };
}

/** The catalogued product of a ProductArn, or undefined (unknown products and every account's `default`). */
export function catalogueProduct(productArn: string): CatalogueProduct | undefined {
  const parts = parseProductArn(productArn);
  return parts === undefined ? undefined : BY_KEY.get(`${parts.company}/${parts.product}`);
}

/** True for an account's own default product (`product/<account>/default`), which needs no subscription. */
export function isDefaultProduct(parts: ProductArnParts): boolean {
  return parts.product === 'default' && /^\d{12}$/.test(parts.company);
}

/** True for an AWS service integration, always enabled. */
export function isAwsProduct(parts: ProductArnParts): boolean {
  return parts.company === 'aws';
}

/** The ProductArn of a catalogued product in a Region. */
export function productArnOf(product: CatalogueProduct, region: string, partition: string): string {
  return `arn:${partition}:securityhub:${region}::product/${product.key}`;
}
