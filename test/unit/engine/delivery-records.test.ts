import { createHash } from 'node:crypto';
import { deadLetterAttributes, invocationFailureRecord } from '../../../lib/local/engine';
import { md5OfMessageAttributes } from '../../../lib/local/engine';

describe('delivery records', () => {
  it('builds Lambda’s on-failure destination record', () => {
    const error = Object.assign(new Error('detail.id: is required'), { name: 'UnmappableEventError' });

    const record = invocationFailureRecord({
      requestId: 'req-1',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
      approximateInvokeCount: 3,
      event: { id: 'e' },
      error,
      now: new Date('2026-01-01T00:00:00.000Z'),
    });

    expect(record).toEqual({
      version: '1.0',
      timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: { requestId: 'req-1', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { id: 'e' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'UnmappableEventError', errorMessage: 'detail.id: is required', trace: expect.any(Array) },
    });
  });

  it('labels a dead-lettered event with EventBridge’s message attributes', () => {
    const attributes = deadLetterAttributes({ ruleArn: 'arn:rule', targetArn: 'arn:fn', errorCode: 'RESOURCE_NOT_FOUND', errorMessage: 'gone', retryAttempts: 0 });

    expect(attributes).toEqual({
      ERROR_CODE: { DataType: 'String', StringValue: 'RESOURCE_NOT_FOUND' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: 'gone' },
      RULE_ARN: { DataType: 'String', StringValue: 'arn:rule' },
      TARGET_ARN: { DataType: 'String', StringValue: 'arn:fn' },
      RETRY_ATTEMPTS: { DataType: 'Number', StringValue: '0' },
    });
  });

  it('computes MD5OfMessageAttributes as SQS does', () => {
    // Independently computed: name, type, transport byte 1, value, each length-prefixed (big-endian).
    const bytes = Buffer.concat([
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('a'),
      Buffer.from([0, 0, 0, 6]),
      Buffer.from('String'),
      Buffer.from([1]),
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('b'),
    ]);
    const expected = createHash('md5').update(bytes).digest('hex');
    expect(md5OfMessageAttributes({ a: { DataType: 'String', StringValue: 'b' } })).toBe(expected);
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});
