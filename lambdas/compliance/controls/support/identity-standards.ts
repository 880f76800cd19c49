import type { StandardMapping } from '../types';

/** AWS Foundational Security Best Practices: Security Hub lists no requirement ids for it. */
export const FSBP: StandardMapping = { standard: 'aws-foundational-security-best-practices/v/1.0.0', requirements: [] };

/** CIS AWS Foundations Benchmark v3.0.0, with requirement ids as RelatedRequirements spells them. */
export const cis = (...ids: string[]): StandardMapping => ({
  standard: 'cis-aws-foundations-benchmark/v/3.0.0',
  requirements: ids.map((id) => `CIS AWS Foundations Benchmark v3.0.0/${id}`),
});

/** PCI DSS v3.2.1, with requirement ids as RelatedRequirements spells them. */
export const pci = (...ids: string[]): StandardMapping => ({
  standard: 'pci-dss/v/3.2.1',
  requirements: ids.map((id) => `PCI DSS v3.2.1/${id}`),
});
