/** A control's places in the standards, as Security Hub lists them, and its documentation page. */
import type { StandardMapping } from '../types';

/** AWS Foundational Security Best Practices: Security Hub lists no requirement ids for it. */
export const FSBP: StandardMapping = { standard: 'aws-foundational-security-best-practices/v/1.0.0', requirements: [] };

/** CIS AWS Foundations Benchmark v3.0.0 recommendations, as RelatedRequirements spells them. */
export const cis3 = (...ids: string[]): StandardMapping => ({
  standard: 'cis-aws-foundations-benchmark/v/3.0.0',
  requirements: ids.map((id) => `CIS AWS Foundations Benchmark v3.0.0/${id}`),
});

/** PCI DSS v3.2.1 requirements, as RelatedRequirements spells them. */
export const pci321 = (...ids: string[]): StandardMapping => ({
  standard: 'pci-dss/v/3.2.1',
  requirements: ids.map((id) => `PCI DSS v3.2.1/${id}`),
});

/**
 * A control's page in the Security Hub user guide (its remediation link): the page of its service
 * (`S3.8` → `s3-controls.html`), anchored at the control (`#s3-8`).
 */
export function controlPage(id: string): string {
  const service = id.slice(0, id.indexOf('.')).toLowerCase();
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${id.toLowerCase().replace('.', '-')}`;
}
