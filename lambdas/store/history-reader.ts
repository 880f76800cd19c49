import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isAsffTimestamp, timestampMillis } from '../asff';
import { InvalidInputError } from '../shared/errors';
import type { ChangeRecord } from './history';
import { findingKey, findingPartition } from './keys';
import { decodeNextToken, encodeNextToken, queryDigest } from './next-token';
import { TABLE_KEYS } from './table-schema';
import type { FindingHistoryRecord, GetFindingHistoryRequest, GetFindingHistoryResponse } from './types';
import { HISTORY_RETENTION_DAYS } from './retention';

const MAX_HISTORY_RESULTS = 100;

function validate(request: GetFindingHistoryRequest): void {
  const identifier = request?.FindingIdentifier;
  if (!identifier || typeof identifier.Id !== 'string' || typeof identifier.ProductArn !== 'string') {
    throw new InvalidInputError('FindingIdentifier: Id and ProductArn are required strings');
  }
  for (const member of ['StartTime', 'EndTime'] as const) {
    const value = request[member];
    if (value !== undefined && (typeof value !== 'string' || !isAsffTimestamp(value))) {
      throw new InvalidInputError(`${member}: must be a date-time such as 2024-01-31T12:00:00Z`);
    }
  }
  const max = request.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > MAX_HISTORY_RESULTS)) {
    throw new InvalidInputError(`MaxResults: must be an integer from 1 to ${MAX_HISTORY_RESULTS}`);
  }
}

/**
 * GetFindingHistory over one finding's items: the history items plus the change record held on
 * the finding item (the newest, which may not have a history item yet). Newest first, 90 days.
 */
export async function readFindingHistory(client: DynamoDBDocumentClient, table: string, request: GetFindingHistoryRequest, now: Date): Promise<GetFindingHistoryResponse> {
  validate(request);
  const { Id, ProductArn } = request.FindingIdentifier;
  const digest = queryDigest({ Id, ProductArn, s: request.StartTime, e: request.EndTime });
  const position = request.NextToken ? decodeNextToken(request.NextToken, digest) : undefined;
  if (position && !('offset' in position)) throw new InvalidInputError('NextToken: does not fit this query');

  const changes = new Map<number, ChangeRecord>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const response = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#change': 'change' },
        ExpressionAttributeValues: { ':pk': findingPartition(findingKey({ Id, ProductArn })) },
        // The finding item and the history items carry a change record; resource links do not.
        FilterExpression: 'attribute_exists(#change)',
        ProjectionExpression: '#change',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of response.Items ?? []) {
      const change = JSON.parse(item.change as string) as ChangeRecord;
      changes.set(change.version, change);
    }
    startKey = response.LastEvaluatedKey;
  } while (startKey);

  const oldest = now.getTime() - HISTORY_RETENTION_DAYS * 86_400_000;
  const start = request.StartTime ? timestampMillis(request.StartTime) : -Infinity;
  const end = request.EndTime ? timestampMillis(request.EndTime) : Infinity;
  const records: FindingHistoryRecord[] = [...changes.values()]
    .filter((change) => {
      const time = Date.parse(change.time);
      return time > oldest && time >= start && time <= end;
    })
    .sort((a, b) => b.version - a.version)
    .map((change) => ({
      FindingIdentifier: { Id, ProductArn },
      UpdateTime: change.time,
      FindingCreated: change.created,
      UpdateSource: change.source,
      Updates: change.updates,
    }));
  const offset = position?.offset ?? 0;
  const limit = request.MaxResults ?? MAX_HISTORY_RESULTS;
  const page = records.slice(offset, offset + limit);
  const more = offset + limit < records.length;
  return { Records: page, ...(more && { NextToken: encodeNextToken(digest, { offset: offset + limit }) }) };
}
