/**
 * AWS Foundational Security Best Practices v1.0.0: Security Hub's published list of the standard's controls, as data.
 * Source: the Security Hub CSPM control reference (securityhub-controls-reference.html, "Applicable
 * standards" column, as published in March 2026). Regenerate by hand when Security Hub changes the list;
 * test/unit/compliance/standards-catalogue.test.ts checks it against the control catalogue.
 */

/** The security control ids Security Hub lists in FSBP v1.0.0 (requirements: none, as Security Hub lists none). */
export const FSBP_PUBLISHED: readonly string[] = [
  'Account.1', 'ACM.1', 'ACM.2', 'APIGateway.1', 'APIGateway.2', 'APIGateway.3', 'APIGateway.4', 'APIGateway.5', 'APIGateway.8', 'APIGateway.9',
  'APIGateway.10', 'AppSync.2', 'AppSync.5', 'Athena.4', 'AutoScaling.1', 'AutoScaling.2', 'AutoScaling.3', 'Autoscaling.5', 'AutoScaling.6',
  'AutoScaling.9', 'Backup.1', 'CloudFormation.3', 'CloudFormation.4', 'CloudFront.1', 'CloudFront.3', 'CloudFront.4', 'CloudFront.5',
  'CloudFront.6', 'CloudFront.7', 'CloudFront.8', 'CloudFront.9', 'CloudFront.10', 'CloudFront.12', 'CloudFront.13', 'CloudFront.15',
  'CloudFront.16', 'CloudFront.17', 'CloudTrail.1', 'CloudTrail.2', 'CloudTrail.4', 'CloudTrail.5', 'CodeBuild.1', 'CodeBuild.2', 'CodeBuild.3',
  'CodeBuild.4', 'CodeBuild.7', 'Cognito.1', 'Cognito.2', 'Cognito.3', 'Cognito.4', 'Cognito.5', 'Cognito.6', 'Config.1', 'Connect.2',
  'DataFirehose.1', 'DataSync.1', 'DMS.1', 'DMS.6', 'DMS.7', 'DMS.8', 'DMS.9', 'DMS.10', 'DMS.11', 'DMS.12', 'DMS.13', 'DocumentDB.1',
  'DocumentDB.2', 'DocumentDB.3', 'DocumentDB.4', 'DocumentDB.5', 'DocumentDB.6', 'DynamoDB.1', 'DynamoDB.2', 'DynamoDB.3', 'DynamoDB.6',
  'DynamoDB.7', 'EC2.1', 'EC2.2', 'EC2.3', 'EC2.4', 'EC2.6', 'EC2.7', 'EC2.8', 'EC2.9', 'EC2.10', 'EC2.15', 'EC2.16', 'EC2.17', 'EC2.18', 'EC2.19',
  'EC2.20', 'EC2.21', 'EC2.23', 'EC2.24', 'EC2.25', 'EC2.51', 'EC2.55', 'EC2.56', 'EC2.57', 'EC2.58', 'EC2.60', 'EC2.170', 'EC2.171', 'EC2.172',
  'EC2.173', 'EC2.180', 'EC2.181', 'EC2.182', 'ECR.1', 'ECR.2', 'ECR.3', 'ECS.2', 'ECS.3', 'ECS.4', 'ECS.5', 'ECS.8', 'ECS.9', 'ECS.10', 'ECS.12',
  'ECS.16', 'ECS.18', 'ECS.19', 'ECS.20', 'ECS.21', 'EFS.1', 'EFS.2', 'EFS.3', 'EFS.4', 'EFS.6', 'EFS.7', 'EFS.8', 'EKS.1', 'EKS.2', 'EKS.3',
  'EKS.8', 'ElastiCache.1', 'ElastiCache.2', 'ElastiCache.3', 'ElastiCache.4', 'ElastiCache.5', 'ElastiCache.6', 'ElastiCache.7',
  'ElasticBeanstalk.1', 'ElasticBeanstalk.2', 'ElasticBeanstalk.3', 'ELB.1', 'ELB.2', 'ELB.3', 'ELB.4', 'ELB.5', 'ELB.6', 'ELB.7', 'ELB.8', 'ELB.9',
  'ELB.10', 'ELB.12', 'ELB.13', 'ELB.14', 'ELB.17', 'ELB.18', 'ELB.21', 'ELB.22', 'EMR.1', 'EMR.2', 'EMR.3', 'EMR.4', 'ES.1', 'ES.2', 'ES.3', 'ES.4',
  'ES.5', 'ES.6', 'ES.7', 'ES.8', 'EventBridge.3', 'FSx.1', 'FSx.2', 'FSx.3', 'FSx.4', 'FSx.5', 'Glue.3', 'Glue.4', 'GuardDuty.1', 'GuardDuty.5',
  'GuardDuty.6', 'GuardDuty.7', 'GuardDuty.8', 'GuardDuty.9', 'GuardDuty.10', 'GuardDuty.11', 'GuardDuty.12', 'GuardDuty.13', 'IAM.1', 'IAM.2',
  'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.7', 'IAM.8', 'IAM.21', 'Inspector.1', 'Inspector.2', 'Inspector.3', 'Inspector.4', 'Kinesis.1',
  'Kinesis.3', 'KMS.1', 'KMS.2', 'KMS.3', 'KMS.5', 'Lambda.1', 'Lambda.2', 'Lambda.5', 'Macie.1', 'Macie.2', 'MQ.2', 'MSK.1', 'MSK.3', 'MSK.4',
  'MSK.5', 'MSK.6', 'Neptune.1', 'Neptune.2', 'Neptune.3', 'Neptune.4', 'Neptune.5', 'Neptune.6', 'Neptune.7', 'Neptune.8', 'NetworkFirewall.2',
  'NetworkFirewall.3', 'NetworkFirewall.4', 'NetworkFirewall.5', 'NetworkFirewall.6', 'NetworkFirewall.9', 'NetworkFirewall.10', 'Opensearch.1',
  'Opensearch.2', 'Opensearch.3', 'Opensearch.4', 'Opensearch.5', 'Opensearch.6', 'Opensearch.7', 'Opensearch.8', 'Opensearch.10', 'PCA.1', 'RDS.1',
  'RDS.2', 'RDS.3', 'RDS.4', 'RDS.5', 'RDS.6', 'RDS.7', 'RDS.8', 'RDS.9', 'RDS.10', 'RDS.11', 'RDS.12', 'RDS.13', 'RDS.14', 'RDS.15', 'RDS.16',
  'RDS.17', 'RDS.19', 'RDS.20', 'RDS.21', 'RDS.22', 'RDS.23', 'RDS.24', 'RDS.25', 'RDS.27', 'RDS.34', 'RDS.35', 'RDS.36', 'RDS.37', 'RDS.38',
  'RDS.39', 'RDS.40', 'RDS.41', 'RDS.42', 'RDS.43', 'RDS.44', 'RDS.45', 'RDS.46', 'RDS.47', 'RDS.48', 'RDS.50', 'Redshift.1', 'Redshift.2',
  'Redshift.3', 'Redshift.4', 'Redshift.6', 'Redshift.7', 'Redshift.8', 'Redshift.10', 'Redshift.15', 'Redshift.18', 'RedshiftServerless.1',
  'RedshiftServerless.2', 'RedshiftServerless.3', 'RedshiftServerless.5', 'RedshiftServerless.6', 'Route53.2', 'S3.1', 'S3.2', 'S3.3', 'S3.5',
  'S3.6', 'S3.8', 'S3.9', 'S3.12', 'S3.13', 'S3.19', 'S3.24', 'S3.25', 'SageMaker.1', 'SageMaker.2', 'SageMaker.3', 'SageMaker.4', 'SageMaker.5',
  'SageMaker.8', 'SageMaker.9', 'SageMaker.10', 'SageMaker.11', 'SageMaker.12', 'SageMaker.13', 'SageMaker.14', 'SageMaker.15', 'SecretsManager.1',
  'SecretsManager.2', 'SecretsManager.3', 'SecretsManager.4', 'ServiceCatalog.1', 'SES.3', 'SNS.4', 'SQS.1', 'SQS.3', 'SSM.1', 'SSM.2', 'SSM.3',
  'SSM.4', 'SSM.6', 'SSM.7', 'StepFunctions.1', 'Transfer.2', 'Transfer.3', 'WAF.1', 'WAF.2', 'WAF.3', 'WAF.4', 'WAF.6', 'WAF.7', 'WAF.8', 'WAF.10',
  'WAF.12', 'WorkSpaces.1', 'WorkSpaces.2',
];
