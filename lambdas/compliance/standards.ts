/**
 * The security standards Open Security Hub evaluates, as Security Hub names them. A control
 * belongs to a standard through its `standards` mappings (controls/registry.ts).
 */

/** Our short id of a standard (the path part of Security Hub's standards ARN). */
export type StandardId =
  | 'aws-foundational-security-best-practices/v/1.0.0'
  | 'cis-aws-foundations-benchmark/v/3.0.0'
  | 'pci-dss/v/3.2.1';

/** A security standard. */
export interface StandardDefinition {
  id: StandardId;
  name: string;
  description: string;
  /** Enabled when Security Hub is first enabled (AWS FSBP and CIS are, in Security Hub's console). */
  enabledByDefault: boolean;
}

/** Every standard we evaluate. */
export const STANDARDS: readonly StandardDefinition[] = [
  {
    id: 'aws-foundational-security-best-practices/v/1.0.0',
    name: 'AWS Foundational Security Best Practices v1.0.0',
    description: 'Controls that detect when AWS accounts and deployed resources deviate from security best practices.',
    enabledByDefault: true,
  },
  {
    id: 'cis-aws-foundations-benchmark/v/3.0.0',
    name: 'CIS AWS Foundations Benchmark v3.0.0',
    description: 'The Center for Internet Security (CIS) AWS Foundations Benchmark v3.0.0: security configuration best practices for AWS.',
    enabledByDefault: true,
  },
  {
    id: 'pci-dss/v/3.2.1',
    name: 'PCI DSS v3.2.1',
    description: 'The Payment Card Industry Data Security Standard (PCI DSS) v3.2.1 controls that apply to AWS resources.',
    enabledByDefault: false,
  },
];

/** Security Hub's ARN of a standard in a Region and partition. */
export function standardsArn(id: StandardId, region: string, partition = 'aws'): string {
  return `arn:${partition}:securityhub:${region}::standards/${id}`;
}
