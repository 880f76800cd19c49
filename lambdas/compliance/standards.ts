/**
 * The security standards Open Security Hub evaluates, as Security Hub names them, and which
 * controls each contains. Membership comes from one of two places, per standard:
 * - `controls`: the controls' own `standards` mappings (controls/registry.ts) — FSBP v1.0.0,
 *   CIS v3.0.0 and PCI DSS v3.2.1, whose requirement ids every control file carries;
 * - `published`: the standard's data file in `standards/` (Security Hub control id → requirement
 *   ids) — NIST SP 800-53 Rev. 5, PCI DSS v4.0.1, CIS v5.0.0, the AWS Resource Tagging Standard.
 *   A control joins such a standard by its id alone: a control added to the catalogue whose id
 *   Security Hub lists there is in it, with no change here.
 * Every standard also carries Security Hub's published list of its controls, so coverage can say
 * which of them the catalogue does not implement yet.
 */
import { CIS3_PUBLISHED } from './standards/cis-3';
import { CIS5_REQUIREMENTS } from './standards/cis-5';
import { FSBP_PUBLISHED } from './standards/fsbp';
import { NIST_800_53_R5_REQUIREMENTS } from './standards/nist-800-53-r5';
import { PCI321_CONTROL_IDS, PCI321_PUBLISHED } from './standards/pci-3.2.1';
import { PCI401_REQUIREMENTS } from './standards/pci-4.0.1';
import { TAGGING_PUBLISHED } from './standards/tagging';

/** Our short id of a standard (the path part of Security Hub's standards ARN). */
export type StandardId =
  | 'aws-foundational-security-best-practices/v/1.0.0'
  | 'cis-aws-foundations-benchmark/v/3.0.0'
  | 'pci-dss/v/3.2.1'
  | 'nist-800-53/v/5.0.0'
  | 'pci-dss/v/4.0.1'
  | 'cis-aws-foundations-benchmark/v/5.0.0'
  | 'aws-resource-tagging-standard/v/1.0.0';

/** A security standard. */
export interface StandardDefinition {
  id: StandardId;
  name: string;
  description: string;
  /** Enabled when Security Hub is first enabled (AWS FSBP and CIS are, in Security Hub's console). */
  enabledByDefault: boolean;
  /** Where membership and requirement ids come from (see the module comment). */
  membership: 'controls' | 'published';
  /** Security Hub's published list of the standard's security control ids. */
  published: readonly string[];
  /** For `published` membership: control id → requirement ids as the standard numbers them. */
  requirements?: Readonly<Record<string, readonly string[]>>;
  /** How `Compliance.RelatedRequirements` spells one of the standard's requirement ids. */
  requirement(id: string): string;
  /**
   * Security Hub's id of the control inside this standard (the last part of its standards-control
   * ARN) from the security control id and its requirement ids in the standard; the security
   * control id when absent.
   */
  standardsControlId?(controlId: string, requirements: readonly string[]): string | undefined;
}

const prefixed = (prefix: string) => (id: string) => `${prefix}${id}`;
/** CIS standards number their controls by the recommendation (e.g. `1.14`): the first requirement id, unprefixed. */
const cisNumber = (prefix: string) => (_controlId: string, requirements: readonly string[]) =>
  requirements[0]?.startsWith(prefix) ? requirements[0].slice(prefix.length) : requirements[0];

const CIS3_PREFIX = 'CIS AWS Foundations Benchmark v3.0.0/';
const CIS5_PREFIX = 'CIS AWS Foundations Benchmark v5.0.0/';

/** Every standard we evaluate, in Security Hub's DescribeStandards order of ours. */
export const STANDARDS: readonly StandardDefinition[] = [
  {
    id: 'aws-foundational-security-best-practices/v/1.0.0',
    name: 'AWS Foundational Security Best Practices v1.0.0',
    description:
      'The AWS Foundational Security Best Practices standard is a set of controls that detect when your deployed accounts and resources deviate from security best practices.',
    enabledByDefault: true,
    membership: 'controls',
    published: FSBP_PUBLISHED,
    requirement: (id) => id,
  },
  {
    id: 'cis-aws-foundations-benchmark/v/3.0.0',
    name: 'CIS AWS Foundations Benchmark v3.0.0',
    description:
      'The Center for Internet Security (CIS) AWS Foundations Benchmark v3.0.0 is a set of security configuration best practices for AWS. This Security Hub standard automatically checks for your compliance readiness against a subset of CIS requirements.',
    enabledByDefault: true,
    membership: 'controls',
    published: CIS3_PUBLISHED,
    requirement: prefixed(CIS3_PREFIX),
    standardsControlId: cisNumber(CIS3_PREFIX),
  },
  {
    id: 'pci-dss/v/3.2.1',
    name: 'PCI DSS v3.2.1',
    description:
      'The Payment Card Industry Data Security Standard (PCI DSS) v3.2.1 is an information security standard for entities that store, process, and/or transmit cardholder data. This Security Hub standard automatically checks for your compliance readiness against a subset of PCI DSS requirements.',
    enabledByDefault: false,
    membership: 'controls',
    published: PCI321_PUBLISHED,
    requirement: prefixed('PCI DSS v3.2.1/'),
    standardsControlId: (controlId) => PCI321_CONTROL_IDS[controlId],
  },
  {
    id: 'nist-800-53/v/5.0.0',
    name: 'NIST Special Publication 800-53 Revision 5',
    description:
      'The National Institute of Standards and Technology (NIST) SP 800-53 Rev. 5 standard is a set of controls that checks the compliance of your AWS resources with the NIST SP 800-53 Rev. 5 requirements on protecting the confidentiality, integrity and availability of information systems and critical resources.',
    enabledByDefault: false,
    membership: 'published',
    published: Object.keys(NIST_800_53_R5_REQUIREMENTS),
    requirements: NIST_800_53_R5_REQUIREMENTS,
    requirement: prefixed('NIST.800-53.r5 '),
  },
  {
    id: 'pci-dss/v/4.0.1',
    name: 'PCI DSS v4.0.1',
    description:
      'The Payment Card Industry Data Security Standard (PCI DSS) v4.0.1 provides a framework of rules and guidelines for safely handling credit and debit card information. This Security Hub standard automatically checks for your compliance readiness against a subset of PCI DSS v4.0.1 requirements.',
    enabledByDefault: false,
    membership: 'published',
    published: Object.keys(PCI401_REQUIREMENTS),
    requirements: PCI401_REQUIREMENTS,
    requirement: prefixed('PCI DSS v4.0.1/'),
  },
  {
    id: 'cis-aws-foundations-benchmark/v/5.0.0',
    name: 'CIS AWS Foundations Benchmark v5.0.0',
    description:
      'The Center for Internet Security (CIS) AWS Foundations Benchmark v5.0.0 is a set of security configuration best practices for AWS. This Security Hub standard automatically checks for your compliance readiness against a subset of CIS requirements.',
    enabledByDefault: false,
    membership: 'published',
    published: Object.keys(CIS5_REQUIREMENTS),
    requirements: CIS5_REQUIREMENTS,
    requirement: prefixed(CIS5_PREFIX),
    standardsControlId: cisNumber(CIS5_PREFIX),
  },
  {
    id: 'aws-resource-tagging-standard/v/1.0.0',
    name: 'AWS Resource Tagging Standard',
    description:
      'The AWS Resource Tagging Standard is a set of controls that checks whether your AWS resources have the tag keys you require (the requiredTagKeys parameter of each control; any tag when none is given).',
    enabledByDefault: false,
    membership: 'published',
    published: TAGGING_PUBLISHED,
    requirements: Object.fromEntries(TAGGING_PUBLISHED.map((id) => [id, []])),
    requirement: (id) => id,
  },
];

const BY_ID = new Map(STANDARDS.map((standard) => [standard.id, standard]));

/** The definition of a standard id we evaluate (throws for any other: callers validate first). */
export function standardById(id: StandardId): StandardDefinition {
  const standard = BY_ID.get(id);
  if (standard === undefined) throw new Error(`Unknown standard ${id}`);
  return standard;
}

/** True for a standard id we evaluate. */
export function isStandardId(id: string): id is StandardId {
  return BY_ID.has(id as StandardId);
}

/** Security Hub's ARN of a standard in a Region and partition. */
export function standardsArn(id: StandardId, region: string, partition = 'aws'): string {
  return `arn:${partition}:securityhub:${region}::standards/${id}`;
}
