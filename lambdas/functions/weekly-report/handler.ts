/**
 * Scheduled weekly (EventBridge Scheduler): the posture report to S3 and a notice with a pre-signed
 * link on SNS. Thin: the core is lambdas/reports/weekly.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ScoreSnapshotStore } from '../../compliance';
import { DynamoComplianceSettingsStore } from '../../compliance';
import { publishWeeklyReport, type WeeklyReportResult } from '../../reports';
import { requireEnv } from '../../shared/env';
import { findingsStoreFromEnv } from '../../wiring/findings-store';
import { awsClient } from '../../shared/clients';

const s3 = awsClient(S3Client);
const sns = awsClient(SNSClient);
const dynamo = awsClient(DynamoDBClient);

/** The weekly report's entry point (the schedule's input is not read). */
export async function handler(): Promise<WeeklyReportResult> {
  const bucket = requireEnv('REPORT_BUCKET');
  const tableName = requireEnv('FINDINGS_TABLE');
  return publishWeeklyReport({
    sources: async () => ({
      findings: findingsStoreFromEnv(),
      settings: await new DynamoComplianceSettingsStore({ client: dynamo, tableName }).get(),
      snapshots: new ScoreSnapshotStore({ client: dynamo, tableName }),
      now: new Date(),
    }),
    putObject: async (key, body, contentType) => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    presign: (key, expiresIn) => getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn }),
    notify: async (subject, message) => {
      await sns.send(new PublishCommand({ TopicArn: requireEnv('REPORT_TOPIC_ARN'), Subject: subject.slice(0, 100), Message: message }));
    },
  });
}
