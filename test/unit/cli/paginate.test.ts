import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { parseCommandLine } from '../../../bin/cli/args';
import type { CommandSpec } from '../../../bin/cli/commands';
import { callCommand } from '../../../bin/cli/run';

/** get-findings over 5 findings served `MaxResults` (default 2) at a time, recording requests. */
function pagedGetFindings(): { command: CommandSpec; requests: Array<Record<string, unknown>> } {
  const all = ['a', 'b', 'c', 'd', 'e'];
  const requests: Array<Record<string, unknown>> = [];
  const command: CommandSpec = {
    name: 'get-findings',
    operation: 'GetFindings',
    summary: '',
    parameters: [],
    pagination: { items: 'Findings' },
    send: async (_client, input) => {
      requests.push(input);
      const start = Number(input.NextToken ?? 0);
      const end = start + ((input.MaxResults as number | undefined) ?? 2);
      return { Findings: all.slice(start, end), ...(end < all.length && { NextToken: String(end) }) };
    },
  };
  return { command, requests };
}

const client = {} as SecurityHubClient;

function line(argv: string[], command: CommandSpec) {
  return { ...parseCommandLine(['get-findings', ...argv]), command };
}

describe('callCommand pagination', () => {
  it('reads every page by default and drops the token', async () => {
    const { command, requests } = pagedGetFindings();
    expect(await callCommand(client, line([], command))).toEqual({ Findings: ['a', 'b', 'c', 'd', 'e'] });
    expect(requests.map((r) => r.NextToken)).toEqual([undefined, '2', '4']);
  });

  it('stops at --max-items with a token to resume from', async () => {
    const { command, requests } = pagedGetFindings();
    expect(await callCommand(client, line(['--max-items', '3'], command))).toEqual({ Findings: ['a', 'b', 'c'], NextToken: '3' });
    expect(requests.map((r) => r.MaxResults)).toEqual([3]);
  });

  it('resumes from --starting-token with --page-size pages', async () => {
    const { command, requests } = pagedGetFindings();
    expect(await callCommand(client, line(['--starting-token', '3', '--page-size', '1'], command))).toEqual({ Findings: ['d', 'e'] });
    expect(requests).toEqual([
      { NextToken: '3', MaxResults: 1 },
      { NextToken: '4', MaxResults: 1 },
    ]);
  });

  it('makes one call with --max-results, returning the service token', async () => {
    const { command } = pagedGetFindings();
    expect(await callCommand(client, line(['--max-results', '2'], command))).toEqual({ Findings: ['a', 'b'], NextToken: '2' });
  });
});
