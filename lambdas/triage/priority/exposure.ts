import type { AwsSecurityFinding, Resource } from '../../asff';
import { cidrContains, parseCidr, parseIp, type Cidr } from '../../shared/net/ip';

/**
 * Evidence that a finding's resource is reachable from the internet, read from the finding alone.
 * Each check returns a short description of the evidence (it becomes part of the reason), or
 * undefined.
 */

/** Security Hub controls whose FAILED finding means the resource is exposed to the internet. */
export const EXPOSURE_CONTROLS: readonly string[] = [
  'S3.1',
  'S3.2',
  'S3.3',
  'S3.8', // bucket public access
  'EC2.2',
  'EC2.13',
  'EC2.18',
  'EC2.19',
  'EC2.21',
  'EC2.53',
  'EC2.54', // open ingress
  'EC2.9', // public IPv4 address
  'Lambda.1',
  'RDS.2',
  'EKS.1', // public function policy, public database, public cluster endpoint
];

/** Address blocks that are not reachable from the internet (private, loopback, link-local, CGNAT, ULA). */
const NON_PUBLIC: readonly Cidr[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
].map((block) => parseCidr(block) as Cidr);

/** True for an address reachable from the internet (documentation ranges count as public: fixtures use them). */
export function isPublicIp(text: unknown): boolean {
  const address = parseIp(text);
  return address !== undefined && !NON_PUBLIC.some((block) => cidrContains(block, address));
}

type Details = Record<string, Record<string, unknown> | undefined>;

function details(resource: Resource): Details {
  return (resource.Details ?? {}) as Details;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

function portsOf(permission: Record<string, unknown>): string {
  if (permission.IpProtocol === '-1' || permission.IpProtocol === 'all') return 'all ports';
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (typeof from !== 'number') return 'all ports';
  return from === to || typeof to !== 'number' ? String(from) : `${from}-${to}`;
}

/** A security group rule open to 0.0.0.0/0 or ::/0. */
function openIngress(resource: Resource): string | undefined {
  for (const permission of list(details(resource).AwsEc2SecurityGroup?.IpPermissions)) {
    const open = list(permission.IpRanges).some((range) => range.CidrIp === '0.0.0.0/0')
      ? '0.0.0.0/0'
      : list(permission.Ipv6Ranges).some((range) => range.CidrIpv6 === '::/0')
        ? '::/0'
        : undefined;
    if (open) return `${open} on ${portsOf(permission)}`;
  }
  return undefined;
}

/** A public address on an instance or a network interface. */
function publicAddress(resource: Resource): string | undefined {
  const instance = details(resource).AwsEc2Instance;
  const addresses = [
    ...(Array.isArray(instance?.IpV4Addresses) ? instance.IpV4Addresses : []),
    ...(Array.isArray(instance?.IpV6Addresses) ? instance.IpV6Addresses : []),
    details(resource).AwsEc2NetworkInterface?.PublicIp,
    ...list(instance?.NetworkInterfaces).map((networkInterface) => networkInterface.PublicIp),
  ];
  const address = addresses.find(isPublicIp);
  return address === undefined ? undefined : `public IP ${address}`;
}

/** An S3 ACL that grants everyone or every AWS account. */
function publicAcl(resource: Resource): string | undefined {
  const acl = details(resource).AwsS3Bucket?.AccessControlList;
  return typeof acl === 'string' && /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/.test(acl) ? 'public bucket ACL' : undefined;
}

/** Macie's public-bucket policy finding, or Macie's own verdict on the bucket's permissions. */
function publicBucket(finding: AwsSecurityFinding): string | undefined {
  const fields = finding.ProductFields ?? {};
  const isPublicType = (type: string) => /S3BucketPublic$/.test(type);
  if ((finding.Types ?? []).some(isPublicType) || fields.FindingType === 'Policy:IAMUser/S3BucketPublic') return 'public S3 bucket';
  if (fields['S3Bucket.effectivePermission'] === 'PUBLIC') return 'public S3 bucket';
  return undefined;
}

/** A FAILED control of {@link EXPOSURE_CONTROLS}. */
function failedExposureControl(finding: AwsSecurityFinding): string | undefined {
  const control = finding.Compliance?.SecurityControlId;
  return control && finding.Compliance?.Status === 'FAILED' && EXPOSURE_CONTROLS.includes(control) ? `control ${control} FAILED` : undefined;
}

/** Inspector's network reachability findings (ports reachable from an internet gateway). */
function networkReachability(finding: AwsSecurityFinding): string | undefined {
  if (!(finding.Types ?? []).some((type) => /Network ?Reachability/.test(type))) return undefined;
  const range = finding.Network?.OpenPortRange;
  if (range?.Begin === undefined) return 'network reachable';
  return `reachable on ${range.Begin === range.End || range.End === undefined ? range.Begin : `${range.Begin}-${range.End}`}`;
}

/** A public address GuardDuty saw on the resource (`…/publicIp` product fields). */
function guardDutyPublicIp(finding: AwsSecurityFinding): string | undefined {
  const entry = Object.entries(finding.ProductFields ?? {}).find(([key, value]) => /publicIp$/i.test(key) && isPublicIp(value));
  return entry ? `public IP ${entry[1]}` : undefined;
}

/**
 * The first piece of evidence that the finding's resource is exposed to the internet, or undefined.
 * `subjectOnly`: only evidence that the finding is itself about the exposure (a public-bucket or
 * reachability finding, a failed exposure control, open ingress), not a public address of the
 * resource a threat or a CVE happens to be on.
 */
export function exposureOf(finding: AwsSecurityFinding, options: { subjectOnly?: boolean } = {}): string | undefined {
  const subject =
    publicBucket(finding) ??
    failedExposureControl(finding) ??
    networkReachability(finding) ??
    finding.Resources.map(openIngress).find(Boolean) ??
    finding.Resources.map(publicAcl).find(Boolean);
  if (subject || options.subjectOnly) return subject;
  return finding.Resources.map(publicAddress).find(Boolean) ?? guardDutyPublicIp(finding);
}
