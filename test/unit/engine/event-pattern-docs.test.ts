import { matchesEventPattern } from '../../../lib/local/engine';

/**
 * Conformance cases taken from the Amazon EventBridge User Guide's own examples. Each group names
 * the page it comes from; the events are the page's example events or the smallest event that
 * shows the documented behaviour.
 */
interface Case {
  readonly pattern: Record<string, unknown>;
  readonly matches: readonly unknown[];
  readonly rejects: readonly unknown[];
}

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const groups: Record<string, Record<string, Case>> = {
  // "Creating Amazon EventBridge event patterns" / "Event pattern syntax"
  'Event pattern syntax': {
    'source, detail-type and a nested detail field': {
      pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
      matches: [ec2Event],
      rejects: [
        { ...ec2Event, detail: { state: 'running' } },
        { ...ec2Event, detail: {} },
      ],
    },
    'several values in one field are alternatives': {
      pattern: { source: ['aws.ec2', 'aws.fargate'] },
      matches: [{ source: 'aws.ec2' }, { source: 'aws.fargate' }],
      rejects: [{ source: 'aws.s3' }, {}],
    },
  },
  // "Arrays in Amazon EventBridge event patterns"
  'Arrays in Amazon EventBridge event patterns': {
    'an event array matches when it intersects the pattern array': {
      pattern: {
        resources: [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
        ],
      },
      matches: [
        {
          resources: [
            'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          ],
        },
      ],
      rejects: [{ resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] }, { resources: [] }],
    },
  },
  // "Matching events on null values and empty strings in Amazon EventBridge"
  'Matching events on null values and empty strings': {
    'an empty string matches only the empty string': {
      pattern: { detail: { eventVersion: [''] } },
      matches: [{ detail: { eventVersion: '', responseElements: null } }],
      rejects: [{ detail: { eventVersion: null } }, { detail: {} }],
    },
    'null matches only null': {
      pattern: { detail: { responseElements: [null] } },
      matches: [{ detail: { eventVersion: '', responseElements: null } }],
      rejects: [{ detail: { responseElements: '' } }, { detail: {} }],
    },
  },
  // "Content filtering in Amazon EventBridge event patterns" / "Comparison operators for use in event patterns"
  'Content filtering: prefix and suffix': {
    prefix: {
      pattern: { time: [{ prefix: '2017-10-02' }] },
      matches: [{ time: '2017-10-02T18:43:48Z' }],
      rejects: [{ time: '2017-10-03T18:43:48Z' }, { time: 20171002 }],
    },
    'prefix, European regions example': {
      pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] },
      matches: [{ source: 'aws.autoscaling', region: 'eu-west-1' }],
      rejects: [{ source: 'aws.autoscaling', region: 'us-east-1' }],
    },
    'prefix ignoring case': {
      pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      matches: [{ detail: { service: 'EventBridge' } }, { detail: { service: 'eventbus' } }, { detail: { service: 'EVENTB' } }],
      rejects: [{ detail: { service: 'SQS' } }],
    },
    suffix: {
      pattern: { FileName: [{ suffix: '.png' }] },
      matches: [{ FileName: 'image.png' }],
      rejects: [{ FileName: 'image.PNG' }, { FileName: 'image.jpg' }],
    },
    'suffix ignoring case': {
      pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      matches: [{ detail: { FileName: 'image.png' } }, { detail: { FileName: 'image.PNG' } }],
      rejects: [{ detail: { FileName: 'image.gif' } }],
    },
  },
  'Content filtering: anything-but': {
    'a single string': {
      pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
      matches: [{ detail: { state: 'running' } }],
      rejects: [{ detail: { state: 'initializing' } }, { detail: {} }],
    },
    'a single number': {
      pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
      matches: [{ detail: { 'x-limit': 124 } }],
      rejects: [{ detail: { 'x-limit': 123 } }, { detail: { 'x-limit': 123.0 } }],
    },
    'a list of strings': {
      pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      matches: [{ detail: { state: 'running' } }],
      rejects: [{ detail: { state: 'stopped' } }, { detail: { state: 'overloaded' } }],
    },
    'a list of numbers': {
      pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      matches: [{ detail: { 'x-limit': 301.8 } }],
      rejects: [{ detail: { 'x-limit': 200 } }],
    },
    'not AWS API calls via CloudTrail': {
      pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] },
      matches: [{ 'detail-type': 'EC2 Instance State-change Notification' }],
      rejects: [{ 'detail-type': 'AWS API Call via CloudTrail' }],
    },
    'a prefix': {
      pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] },
      matches: [{ source: 'com.example.app' }],
      rejects: [{ source: 'aws.ec2' }],
    },
    'a suffix': {
      pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      matches: [{ FileName: 'notes.txt' }],
      rejects: [{ FileName: 'image.png' }],
    },
    'ignoring case': {
      pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      matches: [{ state: 'running' }],
      rejects: [{ state: 'initializing' }, { state: 'INITIALIZING' }],
    },
    'a wildcard': {
      pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      matches: [{ FilePath: '/usr/bin/env' }],
      rejects: [{ FilePath: '/usr/lib/libc.so' }],
    },
  },
  'Content filtering: numeric': {
    'all three documented numeric fields': {
      pattern: {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      },
      matches: [{ detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } }],
      rejects: [
        { detail: { 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 } },
        { detail: { 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 } },
        { detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.9 } },
        { detail: { 'c-count': '5', 'd-count': 3, 'x-limit': 301.8 } },
      ],
    },
    'equals 100': {
      pattern: { Price: [{ numeric: ['=', 100] }] },
      matches: [{ Price: 100 }, { Price: 100.0 }, { Price: 1e2 }],
      rejects: [{ Price: '100' }, { Price: 100.5 }],
    },
  },
  'Content filtering: IP address': {
    'an IPv4 CIDR block': {
      pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      matches: [{ detail: { sourceIPAddress: '10.0.0.0' } }, { detail: { sourceIPAddress: '10.0.0.255' } }],
      rejects: [{ detail: { sourceIPAddress: '10.0.1.0' } }, { detail: { sourceIPAddress: 'not-an-ip' } }],
    },
    'an IPv6 CIDR block': {
      pattern: { detail: { 'source-ip': [{ cidr: '2001:db8::/32' }] } },
      matches: [{ detail: { 'source-ip': '2001:db8::1' } }, { detail: { 'source-ip': '2001:0db8:ffff::' } }],
      rejects: [{ detail: { 'source-ip': '2001:db9::1' } }, { detail: { 'source-ip': '10.0.0.1' } }],
    },
  },
  'Content filtering: exists': {
    'exists true': {
      pattern: { detail: { state: [{ exists: true }] } },
      matches: [{ detail: { 'instance-id': 'i-abcd1111', state: 'pending' } }],
      rejects: [{ detail: { 'c-count': { c1: 100 } } }],
    },
    'exists false, including a field that is not a leaf': {
      pattern: { detail: { 'c-count': [{ exists: false }] } },
      matches: [{ detail: { state: ['initializing', 'running'] } }, { detail: { state: 'running', 'c-count': { c1: 100 } } }],
      rejects: [{ detail: { 'c-count': 3 } }],
    },
  },
  'Content filtering: equals-ignore-case and wildcard': {
    'equals ignoring case': {
      pattern: { Name: [{ 'equals-ignore-case': 'alice' }] },
      matches: [{ Name: 'Alice' }, { Name: 'ALICE' }],
      rejects: [{ Name: 'Alicia' }],
    },
    'a wildcard for png files under dir': {
      pattern: { FileName: [{ wildcard: 'dir/*.png' }] },
      matches: [{ FileName: 'dir/image.png' }, { FileName: 'dir/sub/image.png' }, { FileName: 'dir/.png' }],
      rejects: [{ FileName: 'other/image.png' }, { FileName: 'dir/image.jpg' }],
    },
  },
  'Content filtering: $or': {
    'Location is New York, or Day is Monday': {
      pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
      matches: [
        { Location: 'New York', Day: 'Friday' },
        { Location: 'Paris', Day: 'Monday' },
      ],
      rejects: [{ Location: 'Paris', Day: 'Friday' }],
    },
  },
  'Content filtering: complex example with multiple matching': {
    'prefix, anything-but and numeric together': {
      pattern: {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
        },
      },
      matches: [{ time: '2017-10-02T16:24:49Z', detail: { state: 'running', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } }],
      rejects: [
        { time: '2017-10-02T16:24:49Z', detail: { state: 'initializing', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } },
        { time: '2017-10-02T16:24:49Z', detail: { state: 'running', 'c-count': 5, 'd-count': 3, 'x-limit': 300 } },
      ],
    },
  },
};

describe.each(Object.entries(groups))('%s', (_page, cases) => {
  describe.each(Object.entries(cases))('%s', (_name, { pattern, matches, rejects }) => {
    it.each(matches.map((event) => [JSON.stringify(event), event]))('matches %s', (_label, event) => {
      expect(matchesEventPattern(pattern, event)).toBe(true);
    });

    it.each(rejects.map((event) => [JSON.stringify(event), event]))('does not match %s', (_label, event) => {
      expect(matchesEventPattern(pattern, event)).toBe(false);
    });
  });
});
