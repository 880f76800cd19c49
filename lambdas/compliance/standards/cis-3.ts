/**
 * CIS AWS Foundations Benchmark v3.0.0: Security Hub's published list of the standard's controls, as data.
 * Source: the Security Hub CSPM control reference (securityhub-controls-reference.html, "Applicable
 * standards" column, as published in March 2026). Regenerate by hand when Security Hub changes the list;
 * test/unit/compliance/standards-catalogue.test.ts checks it against the control catalogue.
 */

/** The security control ids Security Hub lists in CIS v3.0.0 (their recommendation numbers are in the controls' own mappings). */
export const CIS3_PUBLISHED: readonly string[] = [
  'Account.1',
  'CloudTrail.1',
  'CloudTrail.2',
  'CloudTrail.4',
  'CloudTrail.7',
  'Config.1',
  'EC2.2',
  'EC2.6',
  'EC2.7',
  'EC2.8',
  'EC2.21',
  'EC2.53',
  'EC2.54',
  'EFS.1',
  'IAM.2',
  'IAM.3',
  'IAM.4',
  'IAM.5',
  'IAM.6',
  'IAM.9',
  'IAM.15',
  'IAM.16',
  'IAM.18',
  'IAM.22',
  'IAM.26',
  'IAM.27',
  'IAM.28',
  'KMS.4',
  'RDS.2',
  'RDS.3',
  'RDS.13',
  'S3.1',
  'S3.5',
  'S3.8',
  'S3.20',
  'S3.22',
  'S3.23',
];
