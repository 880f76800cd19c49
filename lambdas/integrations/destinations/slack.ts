/**
 * Slack incoming webhook: a `text` fallback (notifications) and one attachment coloured by severity
 * holding Block Kit blocks — header, what/where/how bad/why now as fields, the finding id, the
 * commands as code, and a console button. Pure.
 */
import { credentialText, type DestinationContext, type OutboundRequest } from '../types';
import { cut, type AlertView } from './view';

/** The webhook POST for one alert. */
export function slackMessage(view: AlertView, context: DestinationContext): OutboundRequest {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(view.title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(view.headline, 3000) } },
    { type: 'section', fields: view.fields.map(([label, text]) => ({ type: 'mrkdwn', text: cut(`*${label}*\n${text}`, 2000) })) },
  ];
  if (view.findingId !== undefined) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(`Finding \`${view.findingId}\``, 3000) }] });
  if (view.commands.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*Act*\n\`\`\`${view.commands.join('\n')}\`\`\``, 3000) } });
  }
  if (view.consoleUrl !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in console' },
          url: view.consoleUrl,
          action_id: 'open-console',
          ...(view.severity === 'CRITICAL' && { style: 'danger' }),
        },
      ],
    });
  }
  return {
    method: 'POST',
    url: credentialText(context),
    headers: { 'content-type': 'application/json' },
    body: { text: cut(view.title, 3000), attachments: [{ color: view.colour.hex, fallback: cut(view.title, 3000), blocks }] },
  };
}
