import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  CONTROL_STATUS_CHANGED,
  SCORE_CHANGED,
  SCORE_EVENT_SOURCE,
  ScoreEventsRejectedError,
  batchEntries,
  putScoreEvents,
  scoreChangeEntries,
  type ControlStatusChangedDetail,
  type ScoreChangedDetail,
} from '../../../lambdas/compliance/score-events';
import type { SecurityScores } from '../../../lambdas/compliance/scores';

const FSBP = 'aws-foundational-security-best-practices/v/1.0.0' as const;
const CIS = 'cis-aws-foundations-benchmark/v/3.0.0' as const;
const SCORES: SecurityScores = {
  standards: [
    { standard: FSBP, score: 50, passed: 1, failed: 1, unknown: 0, noData: 10, disabled: 0 },
    { standard: CIS, score: null, passed: 0, failed: 0, unknown: 0, noData: 5, disabled: 0 },
  ],
  summary: { score: 50, passed: 1, failed: 1, unknown: 0, noData: 14, disabled: 0 },
};
const CONTEXT = { eventBusName: 'org-bus', region: 'eu-west-1', scores: SCORES, enabledStandards: [FSBP, CIS], takenAt: '2026-01-02T03:04:05.000Z' };
const detail = <T>(entry: PutEventsRequestEntry) => JSON.parse(entry.Detail!) as T;

describe('score change events', () => {
  it('makes one Security Score Changed entry per changed score, with the standard ARN and its counts', () => {
    const entries = scoreChangeEntries(
      {
        scores: [
          { scope: FSBP, previous: 100, current: 50 },
          { scope: 'summary', previous: null, current: 50 },
        ],
        controls: [],
      },
      CONTEXT,
    );

    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      EventBusName: 'org-bus',
      Source: SCORE_EVENT_SOURCE,
      DetailType: SCORE_CHANGED,
      Resources: [`arn:aws:securityhub:eu-west-1::standards/${FSBP}`],
    });
    expect(entries[0].Time).toEqual(new Date(CONTEXT.takenAt));
    expect(detail<ScoreChangedDetail>(entries[0])).toEqual({
      StandardsArn: `arn:aws:securityhub:eu-west-1::standards/${FSBP}`,
      scope: FSBP,
      previousScore: 100,
      score: 50,
      counts: { passed: 1, failed: 1, unknown: 0, noData: 10, disabled: 0 },
      takenAt: CONTEXT.takenAt,
    });
    expect(detail<ScoreChangedDetail>(entries[1])).toMatchObject({ scope: 'summary', previousScore: null, score: 50, counts: { noData: 14 } });
    expect(detail<ScoreChangedDetail>(entries[1]).StandardsArn).toBeUndefined();
    expect(entries[1].Resources).toEqual([]);
  });

  it('makes one Control Status Changed entry per changed control, with the enabled standards it belongs to', () => {
    const entries = scoreChangeEntries({ scores: [], controls: [{ controlId: 'S3.1', previous: 'NO_DATA', current: 'FAILED' }] }, { ...CONTEXT, enabledStandards: [FSBP] });

    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ Source: SCORE_EVENT_SOURCE, DetailType: CONTROL_STATUS_CHANGED });
    expect(detail<ControlStatusChangedDetail>(entries[0])).toEqual({
      SecurityControlId: 'S3.1',
      previousStatus: 'NO_DATA',
      status: 'FAILED',
      StandardsArns: [`arn:aws:securityhub:eu-west-1::standards/${FSBP}`],
      takenAt: CONTEXT.takenAt,
    });
  });

  it('makes nothing when nothing changed', () => {
    expect(scoreChangeEntries({ scores: [], controls: [] }, CONTEXT)).toEqual([]);
  });

  it('batches by ten', () => {
    expect(batchEntries(Array.from({ length: 23 }, (_, i) => i)).map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(batchEntries([])).toEqual([]);
  });

  it('puts in batches of ten and returns the count', async () => {
    const put = jest.fn(async (_entries: PutEventsRequestEntry[]) => ({ FailedEntryCount: 0, Entries: [] }));
    const entries = Array.from({ length: 12 }, () => ({ Source: 'x' }));

    await expect(putScoreEvents(entries, put)).resolves.toBe(12);
    expect(put.mock.calls.map(([batch]) => batch.length)).toEqual([10, 2]);
  });

  it('throws when PutEvents rejects entries (FailedEntryCount), after trying every batch', async () => {
    const put = jest
      .fn()
      .mockResolvedValueOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure' }] })
      .mockResolvedValueOnce({ FailedEntryCount: 0 });
    const entries = Array.from({ length: 11 }, () => ({ Source: 'x' }));

    const error = await putScoreEvents(entries, put).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScoreEventsRejectedError);
    expect(error).toMatchObject({ name: 'ScoreEventsRejectedError', failed: 1, codes: ['InternalFailure'] });
    expect(put).toHaveBeenCalledTimes(2);
  });
});
