/**
 * CIS AWS Foundations Benchmark v5.0.0: Security Hub's published list of the standard's controls, as data.
 * Source: the Security Hub CSPM control reference (securityhub-controls-reference.html, "Applicable
 * standards" column, as published in March 2026); recommendation numbers from the controls' "Related requirements" in the current user guide, and the standard's page for the rest; an empty list: not transcribed yet. Regenerate by hand when Security Hub changes the list;
 * test/unit/compliance/standards-catalogue.test.ts checks it against the control catalogue.
 */

/** Security control id → CIS v5.0.0 recommendation numbers (RelatedRequirements spells them `CIS AWS Foundations Benchmark v5.0.0/<n>`; the first is the standards-control id). */
export const CIS5_REQUIREMENTS: Readonly<Record<string, readonly string[]>> = {
  'Account.1': ['1.2'],
  'CloudTrail.1': ['3.1'],
  'CloudTrail.2': ['3.5'],
  'CloudTrail.4': ['3.2'],
  'CloudTrail.7': ['3.4'],
  'Config.1': ['3.3'],
  'EC2.2': ['5.5'],
  'EC2.6': ['3.7'],
  'EC2.7': ['5.1.1'],
  'EC2.8': ['5.7'],
  'EC2.21': ['5.2'],
  'EC2.53': ['5.3'],
  'EC2.54': ['5.4'],
  'EFS.1': ['2.3.1'],
  'EFS.8': ['2.3.1'],
  'IAM.2': ['1.14'],
  'IAM.3': ['1.13'],
  'IAM.4': ['1.3'],
  'IAM.5': ['1.9'],
  'IAM.6': ['1.5'],
  'IAM.9': ['1.4'],
  'IAM.15': ['1.7'],
  'IAM.16': ['1.8'],
  'IAM.18': ['1.16'],
  'IAM.22': ['1.11'],
  'IAM.26': ['1.18'],
  'IAM.27': ['1.21'],
  'IAM.28': ['1.19'],
  'KMS.4': ['3.6'],
  'RDS.2': ['2.2.3'],
  'RDS.3': ['2.2.1'],
  'RDS.5': ['2.2.4'],
  'RDS.13': ['2.2.2'],
  'RDS.15': ['2.2.4'],
  'S3.1': ['2.1.4'],
  'S3.5': ['2.1.1'],
  'S3.8': ['2.1.4'],
  'S3.20': ['2.1.2'],
  'S3.22': [],
  'S3.23': [],
};
