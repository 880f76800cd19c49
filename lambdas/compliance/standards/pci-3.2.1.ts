/**
 * PCI DSS v3.2.1: Security Hub's published list of the standard's controls, as data.
 * Source: the Security Hub CSPM control reference (securityhub-controls-reference.html, "Applicable
 * standards" column, as published in March 2026); the standard-specific control ids (PCI.*) from "How consolidation impacts control IDs and titles" (asff-changes-consolidation.html). Regenerate by hand when Security Hub changes the list;
 * test/unit/compliance/standards-catalogue.test.ts checks it against the control catalogue.
 */

/** Security control id → Security Hub's PCI DSS v3.2.1 control id (the standards-control ARN's last part). */
export const PCI321_CONTROL_IDS: Readonly<Record<string, string>> = {
  'AutoScaling.1': 'PCI.AutoScaling.1',
  'CloudTrail.2': 'PCI.CloudTrail.1',
  'CloudTrail.3': 'PCI.CloudTrail.2',
  'CloudTrail.4': 'PCI.CloudTrail.3',
  'CloudTrail.5': 'PCI.CloudTrail.4',
  'CloudWatch.1': 'PCI.CW.1',
  'CodeBuild.1': 'PCI.CodeBuild.1',
  'CodeBuild.2': 'PCI.CodeBuild.2',
  'Config.1': 'PCI.Config.1',
  'DMS.1': 'PCI.DMS.1',
  'EC2.1': 'PCI.EC2.1',
  'EC2.2': 'PCI.EC2.2',
  'EC2.6': 'PCI.EC2.6',
  'EC2.12': 'PCI.EC2.4',
  'EC2.13': 'PCI.EC2.5',
  'ELB.1': 'PCI.ELBv2.1',
  'ES.1': 'PCI.ES.2',
  'ES.2': 'PCI.ES.1',
  'GuardDuty.1': 'PCI.GuardDuty.1',
  'IAM.1': 'PCI.IAM.3',
  'IAM.2': 'PCI.IAM.2',
  'IAM.4': 'PCI.IAM.1',
  'IAM.6': 'PCI.IAM.4',
  'IAM.8': 'PCI.IAM.7',
  'IAM.9': 'PCI.IAM.5',
  'IAM.10': 'PCI.IAM.8',
  'IAM.19': 'PCI.IAM.6',
  'KMS.4': 'PCI.KMS.1',
  'Lambda.1': 'PCI.Lambda.1',
  'Lambda.3': 'PCI.Lambda.2',
  'Opensearch.1': 'PCI.Opensearch.2',
  'Opensearch.2': 'PCI.Opensearch.1',
  'RDS.1': 'PCI.RDS.1',
  'RDS.2': 'PCI.RDS.2',
  'Redshift.1': 'PCI.Redshift.1',
  'S3.1': 'PCI.S3.6',
  'S3.2': 'PCI.S3.2',
  'S3.3': 'PCI.S3.1',
  'S3.5': 'PCI.S3.5',
  'S3.7': 'PCI.S3.3',
  'SageMaker.1': 'PCI.SageMaker.1',
  'SSM.1': 'PCI.SSM.3',
  'SSM.2': 'PCI.SSM.1',
  'SSM.3': 'PCI.SSM.2',
};

/** The security control ids Security Hub lists in PCI DSS v3.2.1. */
export const PCI321_PUBLISHED: readonly string[] = [
  'AutoScaling.1', 'CloudTrail.2', 'CloudTrail.3', 'CloudTrail.4', 'CloudTrail.5', 'CloudWatch.1', 'CodeBuild.1', 'CodeBuild.2', 'Config.1', 'DMS.1',
  'EC2.1', 'EC2.2', 'EC2.6', 'EC2.12', 'EC2.13', 'ELB.1', 'ES.1', 'ES.2', 'GuardDuty.1', 'IAM.1', 'IAM.2', 'IAM.4', 'IAM.6', 'IAM.8', 'IAM.9',
  'IAM.10', 'IAM.19', 'KMS.4', 'Lambda.1', 'Lambda.3', 'Opensearch.1', 'Opensearch.2', 'RDS.1', 'RDS.2', 'Redshift.1', 'S3.1', 'S3.2', 'S3.3',
  'S3.5', 'S3.7', 'SageMaker.1', 'SSM.1', 'SSM.2', 'SSM.3',
];
