import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../triage/alerts/message';

/** Publishes alert messages to one SNS topic, with their attributes for subscription filter policies. */
export function snsPublisher(client: SNSClient, topicArn: string): (message: AlertMessage) => Promise<void> {
  return async (message) => {
    await client.send(
      new PublishCommand({ TopicArn: topicArn, Subject: message.subject, Message: message.body, MessageAttributes: message.attributes }),
    );
  };
}
