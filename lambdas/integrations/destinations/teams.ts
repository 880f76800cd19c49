/**
 * Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook request is
 * received" URL, or a classic connector): a message with one Adaptive Card — a title in the
 * severity's colour, the headline, what/where/how bad/why now as a FactSet, the finding id, the
 * commands in monospace, and an Action.OpenUrl to the console. Pure.
 */
import { credentialText, type DestinationContext, type OutboundRequest } from '../types';
import { cut, type AlertView } from './view';

/** The webhook POST for one alert. */
export function teamsMessage(view: AlertView, context: DestinationContext): OutboundRequest {
  const body: unknown[] = [
    { type: 'TextBlock', text: view.title, weight: 'Bolder', size: 'Medium', color: view.colour.card, wrap: true },
    { type: 'TextBlock', text: cut(view.headline, 2000), wrap: true },
    { type: 'FactSet', facts: view.fields.map(([title, value]) => ({ title, value: cut(value, 2000) })) },
  ];
  if (view.findingId !== undefined) body.push({ type: 'TextBlock', text: `Finding ${view.findingId}`, isSubtle: true, wrap: true, size: 'Small' });
  if (view.commands.length > 0) {
    body.push({ type: 'TextBlock', text: 'Act', weight: 'Bolder' });
    for (const command of view.commands) body.push({ type: 'TextBlock', text: cut(command, 2000), fontType: 'Monospace', wrap: true, size: 'Small' });
  }
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    ...(view.consoleUrl !== undefined && { actions: [{ type: 'Action.OpenUrl', title: 'Open in console', url: view.consoleUrl }] }),
  };
  return {
    method: 'POST',
    url: credentialText(context),
    headers: { 'content-type': 'application/json' },
    body: { type: 'message', summary: cut(view.title, 200), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] },
  };
}
