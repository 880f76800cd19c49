/**
 * AWS Resource Tagging Standard v1.0.0: Security Hub's published list of the standard's controls, as data.
 * Source: the Security Hub CSPM control reference (securityhub-controls-reference.html, "Applicable
 * standards" column, as published in March 2026). Regenerate by hand when Security Hub changes the list;
 * test/unit/compliance/standards-catalogue.test.ts checks it against the control catalogue.
 */

/** The security control ids Security Hub lists in the AWS Resource Tagging Standard v1.0.0 (requirements: none; each control takes the `requiredTagKeys` parameter). */
export const TAGGING_PUBLISHED: readonly string[] = [
  'ACM.3', 'Amplify.1', 'Amplify.2', 'AppConfig.1', 'AppConfig.2', 'AppConfig.3', 'AppConfig.4', 'AppFlow.1', 'AppRunner.1', 'AppRunner.2',
  'AppSync.4', 'Athena.2', 'Athena.3', 'AutoScaling.10', 'Backup.2', 'Backup.3', 'Backup.4', 'Backup.5', 'Batch.1', 'Batch.2', 'Batch.3', 'Batch.4',
  'CloudFormation.2', 'CloudFront.14', 'CloudTrail.9', 'CodeArtifact.1', 'CodeGuruProfiler.1', 'CodeGuruReviewer.1', 'Connect.1', 'DataSync.2',
  'Detective.1', 'DMS.2', 'DMS.3', 'DMS.4', 'DMS.5', 'DynamoDB.5', 'EC2.33', 'EC2.34', 'EC2.35', 'EC2.36', 'EC2.37', 'EC2.38', 'EC2.39', 'EC2.40',
  'EC2.41', 'EC2.42', 'EC2.43', 'EC2.44', 'EC2.45', 'EC2.46', 'EC2.47', 'EC2.48', 'EC2.49', 'EC2.50', 'EC2.52', 'EC2.174', 'EC2.175', 'EC2.176',
  'EC2.177', 'EC2.178', 'EC2.179', 'ECR.4', 'ECS.13', 'ECS.14', 'ECS.15', 'EFS.5', 'EKS.6', 'EKS.7', 'ES.9', 'EventBridge.2', 'FraudDetector.1',
  'FraudDetector.2', 'FraudDetector.3', 'FraudDetector.4', 'GlobalAccelerator.1', 'Glue.1', 'GuardDuty.2', 'GuardDuty.3', 'GuardDuty.4', 'IAM.23',
  'IAM.24', 'IAM.25', 'IoT.1', 'IoT.2', 'IoT.3', 'IoT.4', 'IoT.5', 'IoT.6', 'IoTEvents.1', 'IoTEvents.2', 'IoTEvents.3', 'IoTSiteWise.1',
  'IoTSiteWise.2', 'IoTSiteWise.3', 'IoTSiteWise.4', 'IoTSiteWise.5', 'IoTTwinMaker.1', 'IoTTwinMaker.2', 'IoTTwinMaker.3', 'IoTTwinMaker.4',
  'IoTWireless.1', 'IoTWireless.2', 'IoTWireless.3', 'IVS.1', 'IVS.2', 'IVS.3', 'Keyspaces.1', 'Kinesis.2', 'Lambda.6', 'MQ.4', 'NetworkFirewall.7',
  'NetworkFirewall.8', 'Opensearch.9', 'PCA.2', 'RDS.28', 'RDS.29', 'RDS.30', 'RDS.31', 'RDS.32', 'RDS.33', 'Redshift.11', 'Redshift.12',
  'Redshift.13', 'Redshift.14', 'Redshift.17', 'Route53.1', 'SageMaker.6', 'SageMaker.7', 'SecretsManager.5', 'SES.1', 'SES.2', 'SNS.3', 'SQS.2',
  'SSM.5', 'StepFunctions.2', 'Transfer.1', 'Transfer.4', 'Transfer.5', 'Transfer.6', 'Transfer.7',
];
