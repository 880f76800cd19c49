import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from './message';

/**
 * Publishes alert messages to one SNS topic, with their attributes for subscription filter
 * policies. On a FIFO topic (`….fifo`), the alert's `alertId` attribute is the
 * MessageDeduplicationId (SNS drops a repeat within 5 minutes) and its account the message group;
 * on a standard topic (the default: e-mail subscriptions need one) delivery is at-least-once and
 * consumers dedupe on `alertId`.
 */
export function snsPublisher(client: SNSClient, topicArn: string): (message: AlertMessage) => Promise<void> {
  const fifo = topicArn.endsWith('.fifo');
  return async (message) => {
    const alertId = message.attributes.alertId?.StringValue;
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.body,
        MessageAttributes: message.attributes,
        ...(fifo && { MessageGroupId: message.attributes.account?.StringValue ?? 'alerts', ...(alertId !== undefined && { MessageDeduplicationId: alertId }) }),
      }),
    );
  };
}
