import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_DIR, demoEventEntry, demoItems, parseOffset, readDemoFixtures } from '../../../lib/local/demo/fixtures';

describe('demo organization fixtures (lib/local/demo)', () => {
  it('re-homes the seed sets to at least 6 member accounts in 2 Regions, with unique bucket names', async () => {
    const fixtures = await readDemoFixtures();
    const items = demoItems(fixtures);
    const accounts = new Set(items.map((item) => item.accountId));
    expect(accounts.size).toBeGreaterThanOrEqual(6);
    expect(new Set(items.map((item) => item.awsRegion))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    // Nothing of the seed account's ids is left in another account's items.
    expect(items.filter((item) => JSON.stringify(item).includes('123456789012'))).toEqual([]);
    const buckets = items.filter((item) => item.resourceType === 'AWS::S3::Bucket').map((item) => item.resourceId);
    expect(new Set(buckets).size).toBe(buckets.length);
    expect(buckets).toContain('orders-archive-111122223333');
    expect(items.find((item) => item.resourceType === 'AWS::EC2::Instance' && item.awsRegion === 'eu-west-1')?.availabilityZone ?? 'eu-west-1a').toMatch(/^eu-west-1/);
  });

  it('expands an event template deterministically, times relative to the load', async () => {
    const fixtures = await readDemoFixtures();
    const occurrence = { event: 'inspector/package-ec2', account: '111122223333', region: 'eu-west-1', at: '-2d3h' };
    const loadedAt = new Date('2026-12-07T12:00:00.000Z');
    const entry = demoEventEntry(fixtures, occurrence, loadedAt);
    expect(entry).toEqual(demoEventEntry(fixtures, occurrence, loadedAt));
    expect(entry.Time).toBe(Date.parse('2026-12-05T09:00:00.000Z') / 1000);
    const detail = JSON.parse(entry.Detail!);
    expect(detail.awsAccountId).toBe('111122223333');
    expect(detail.findingArn).toMatch(/^arn:aws:inspector2:eu-west-1:111122223333:finding\/[0-9a-f]{32}$/);
    // Inspector's own time format, offset from the event's time as in the recorded event.
    expect(detail.updatedAt).toMatch(/^Sat Dec 05 09:00:00\.\d{3} UTC 2026$/);
    expect(entry.Detail).not.toMatch(/\{\{/);
    const other = JSON.parse(demoEventEntry(fixtures, { ...occurrence, account: '444455556666' }, loadedAt).Detail!);
    expect(other.findingArn).not.toBe(detail.findingArn);
  });

  it('parses offsets before the load and refuses others', () => {
    expect(parseOffset('-1d2h3m4.5s', 'x')).toBe(-(((24 + 2) * 60 + 3) * 60_000 + 4500));
    expect(() => parseOffset('+2h', 'timeline.json: /phases/0/events/0/at')).toThrow("timeline.json: /phases/0/events/0/at: '+2h' is not an offset");
  });

  it('names the file and field of a broken fixture', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-fixtures-'));
    await cp(DEMO_DIR, dir, { recursive: true, filter: (source) => !source.endsWith('.ts') });
    const timeline = JSON.parse(await readFile(join(dir, 'timeline.json'), 'utf8'));
    timeline.phases[1].events[0].event = 'guardduty/no-such-event';
    await writeFile(join(dir, 'timeline.json'), JSON.stringify(timeline));
    await expect(readDemoFixtures(dir)).rejects.toThrow('timeline.json: /phases/1/events/0/event: no template events/guardduty/no-such-event.json');
    timeline.phases[1].events[0] = { event: 'guardduty/ec2-port-probe', account: '12', region: 'us-east-1', at: '-1d' };
    await writeFile(join(dir, 'timeline.json'), JSON.stringify(timeline));
    await expect(readDemoFixtures(dir)).rejects.toThrow(/timeline\.json: \/phases\/1\/events\/0\/account must match pattern/);
  });
});
