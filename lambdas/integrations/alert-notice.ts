/**
 * An alert from the alerts topic, as chat and paging destinations read it: the SNS subject, the
 * attributes (severity, priority, reason, account, product), the body's labelled sections
 * (`What:`, `Where:`, `Why now:`…), its commands (`Act:`), and the finding it is about. The format
 * is the alert router's (lambdas/triage/alerts/message.ts, documented in docs/alerts.md); this
 * reader takes only what that format promises and keeps working when sections are added. Pure.
 */
import type { SNSEventRecord } from 'aws-lambda';
import type { FindingIdentifier } from '../store';

/** One alert as read from SNS. */
export interface AlertNotice {
  messageId: string;
  timestamp: string;
  subject: string;
  body: string;
  severity: string;
  priority?: number;
  /** The router's reason (`new`, `group-escalated`, `remediation-failed`…). */
  reason?: string;
  account?: string;
  product?: string;
  /** Labelled sections of the body, label → text (continuation lines joined with a newline). */
  sections: Record<string, string>;
  /** The commands under `Act:` (or `Decide:` in an approval alert). */
  commands: string[];
  /** The finding the alert is about, when the message names it. */
  identifier?: FindingIdentifier;
  /** The first line of the body (the headline). */
  headline: string;
}

/** An SNS record that is not an alert message. */
export class InvalidAlertNoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAlertNoticeError';
  }
}

const LABEL = /^([A-Z][A-Za-z ]{1,20}):\s*(.*)$/;

/** Undoes the router's single-quote shell quoting (`'…'\''…'`) of the argument starting at `from`. */
function shellArgument(text: string, from: number): string | undefined {
  if (text[from] !== "'") return undefined;
  let out = '';
  let i = from + 1;
  for (;;) {
    const end = text.indexOf("'", i);
    if (end < 0) return undefined;
    out += text.slice(i, end);
    if (text.startsWith("\\''", end + 1)) {
      out += "'";
      i = end + 4;
    } else return out;
  }
}

/** The finding an alert body names: `--finding-identifiers '[{Id, ProductArn}]'`, or `Finding:` with `--product-arn`. */
export function identifierOf(body: string, sections: Record<string, string>): FindingIdentifier | undefined {
  const flag = '--finding-identifiers ';
  const at = body.indexOf(flag);
  if (at >= 0) {
    const argument = shellArgument(body, at + flag.length);
    try {
      const [first] = JSON.parse(argument ?? '') as Array<{ Id?: unknown; ProductArn?: unknown }>;
      if (typeof first?.Id === 'string' && typeof first.ProductArn === 'string') return { Id: first.Id, ProductArn: first.ProductArn };
    } catch {
      // Not the router's JSON: try the other form.
    }
  }
  const product = /--product-arn (\S+)/.exec(body)?.[1];
  const id = sections.Finding?.split('\n')[0].trim();
  return id && product ? { Id: id, ProductArn: product } : undefined;
}

/** Reads a message of the alerts topic (the `Sns` member of an SNS Lambda event record). */
export function readAlertNotice(sns: SNSEventRecord['Sns']): AlertNotice {
  if (typeof sns?.Message !== 'string' || sns.Message === '') throw new InvalidAlertNoticeError('Sns.Message: expected the alert body');
  const attribute = (name: string) => sns.MessageAttributes?.[name]?.Value;
  const lines = sns.Message.split('\n');
  const sections: Record<string, string> = {};
  const commands: string[] = [];
  let current: string | undefined;
  for (const line of lines.slice(1)) {
    const label = LABEL.exec(line);
    if (label) {
      current = label[1];
      sections[current] = label[2].trim();
    } else if ((current === 'Act' || current === 'Decide') && /^\s{2}(npx|aws) /.test(line)) {
      commands.push(line.trim());
    } else if (current !== undefined && /^\s{4,}\S/.test(line)) {
      sections[current] = `${sections[current]}\n${line.trim()}`;
    } else if (line.trim() === '') {
      if (current !== 'Act' && current !== 'Decide') current = undefined;
    }
  }
  const priority = Number(attribute('priority'));
  const severity = attribute('severity') ?? /^\[([A-Z]+)\]/.exec(sns.Subject ?? '')?.[1] ?? 'INFORMATIONAL';
  // The router names the finding in attributes (every alert kind since approval alerts); older bodies in text.
  const findingId = attribute('findingId');
  const productArn = attribute('productArn');
  const identifier = findingId && productArn ? { Id: findingId, ProductArn: productArn } : identifierOf(sns.Message, sections);
  return {
    messageId: sns.MessageId,
    timestamp: sns.Timestamp,
    subject: sns.Subject ?? lines[0].slice(0, 99),
    body: sns.Message,
    severity,
    ...(attribute('priority') !== undefined && Number.isFinite(priority) && { priority }),
    ...(attribute('reason') !== undefined && { reason: attribute('reason') }),
    ...(attribute('account') !== undefined && { account: attribute('account') }),
    ...(attribute('product') !== undefined && { product: attribute('product') }),
    sections,
    commands,
    ...(identifier !== undefined && { identifier }),
    headline: lines[0],
  };
}
