/**
 * What the integrations remember on the findings table, per destination:
 * - a link per (destination, finding): `pk = INTEGRATION#<destination>#<finding key>`, `sk = LINK`,
 *   with its status (`PENDING` while a ticket is being created, `OPEN`, `CLOSING`, `CLOSED`) and the
 *   ticket or incident it points to;
 * - the way back from a ticket key (inbound webhooks): `pk = INTEGRATIONREF#<destination>#<key>`, `sk = REF`;
 * - a marker per delivered alert message, so a retried invocation does not post twice:
 *   `pk = INTEGRATIONSENT#<destination>#<message id>`, `sk = SENT`, with `expiresAt` (a week).
 * None carries index attributes. Single-item conditional writes only (no transactions); a
 * `PENDING`/`CLOSING` claim older than {@link STALE_CLAIM_MS} may be taken over (its holder crashed).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { findingKey } from '../../store';
import { ITEM_KINDS, TABLE_KEYS, ifCondition, itemKey } from '../../store';
import type { FindingIdentifier } from '../../store';
import type { TicketRef } from '../types';

/** A claim older than this is taken to be abandoned. */
export const STALE_CLAIM_MS = 5 * 60_000;
const SENT_RETENTION_SECONDS = 7 * 86_400;

/** Where a link stands. */
export type LinkStatus = 'PENDING' | 'OPEN' | 'CLOSING' | 'CLOSED';

/** A destination's link to one finding. */
export interface Link {
  status: LinkStatus;
  /** Epoch ms of the last status change. */
  changedAt: number;
  identifier: FindingIdentifier;
  ref?: TicketRef;
}

/** The link store the delivery core and the inbound webhook use. */
export interface LinkStore {
  get(destination: string, identifier: FindingIdentifier): Promise<Link | undefined>;
  /**
   * Moves a link from one of `from` (`absent`: no link yet) to `to`, with `ref` when given; false when
   * another writer got there first. Stale PENDING/CLOSING links count as any `from`.
   */
  transition(destination: string, identifier: FindingIdentifier, from: ReadonlyArray<LinkStatus | 'absent'>, to: LinkStatus, now: Date, ref?: TicketRef): Promise<boolean>;
  /** The finding a ticket key belongs to. */
  byRef(destination: string, key: string): Promise<FindingIdentifier | undefined>;
  /** Drops a PENDING link (its creation failed), so a retry may create the ticket. */
  release(destination: string, identifier: FindingIdentifier): Promise<void>;
  wasSent(destination: string, messageId: string): Promise<boolean>;
  markSent(destination: string, messageId: string, now: Date): Promise<void>;
}

const linkKey = (destination: string, identifier: FindingIdentifier) => itemKey(ITEM_KINDS.integrationLink, [destination, findingKey(identifier)], []);
const refKey = (destination: string, key: string) => itemKey(ITEM_KINDS.integrationRef, [destination, key], []);
const sentKey = (destination: string, messageId: string) => itemKey(ITEM_KINDS.integrationSent, [destination, messageId], []);

/** {@link LinkStore} on the findings table. */
export class DynamoLinkStore implements LinkStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(destination: string, identifier: FindingIdentifier): Promise<Link | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: linkKey(destination, identifier), ConsistentRead: true }));
    return Item === undefined ? undefined : { status: Item.status, changedAt: Item.changedAt, identifier: Item.identifier, ...(Item.ref && { ref: Item.ref }) };
  }

  async transition(destination: string, identifier: FindingIdentifier, from: ReadonlyArray<LinkStatus | 'absent'>, to: LinkStatus, now: Date, ref?: TicketRef): Promise<boolean> {
    const statuses = from.filter((status): status is LinkStatus => status !== 'absent');
    const conditions = [
      ...(from.includes('absent') ? ['attribute_not_exists(#pk)'] : []),
      ...statuses.map((_, index) => `#status = :from${index}`),
      '(#status IN (:pending, :closing) AND #changedAt < :stale)',
    ];
    const values: Record<string, unknown> = {
      ':to': to,
      ':now': now.getTime(),
      ':id': identifier,
      ':pending': 'PENDING',
      ':closing': 'CLOSING',
      ':stale': now.getTime() - STALE_CLAIM_MS,
    };
    statuses.forEach((status, index) => {
      values[`:from${index}`] = status;
    });
    if (ref) values[':ref'] = ref;
    const moved = await ifCondition(
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: linkKey(destination, identifier),
          UpdateExpression: `SET #status = :to, #changedAt = :now, #identifier = :id${ref ? ', #ref = :ref' : ''}`,
          ConditionExpression: conditions.join(' OR '),
          ExpressionAttributeNames: {
            ...(from.includes('absent') && { '#pk': TABLE_KEYS.partitionKey }),
            '#status': 'status',
            '#changedAt': 'changedAt',
            '#identifier': 'identifier',
            ...(ref && { '#ref': 'ref' }),
          },
          ExpressionAttributeValues: values,
        }),
      ),
    );
    if (!moved) return false;
    if (ref) {
      await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...refKey(destination, ref.key), identifier } }));
      if (ref.id !== ref.key) await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...refKey(destination, ref.id), identifier } }));
    }
    return true;
  }

  async release(destination: string, identifier: FindingIdentifier): Promise<void> {
    await ifCondition(
      this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: linkKey(destination, identifier),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING' },
        }),
      ),
    ); // false: no longer PENDING, nothing to release
  }

  async byRef(destination: string, key: string): Promise<FindingIdentifier | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: refKey(destination, key) }));
    return Item?.identifier as FindingIdentifier | undefined;
  }

  async wasSent(destination: string, messageId: string): Promise<boolean> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: sentKey(destination, messageId), ConsistentRead: true }));
    return Item !== undefined;
  }

  async markSent(destination: string, messageId: string, now: Date): Promise<void> {
    const expiresAt = Math.floor(now.getTime() / 1000) + SENT_RETENTION_SECONDS;
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...sentKey(destination, messageId), [TABLE_KEYS.expiresAt]: expiresAt } }));
  }
}
