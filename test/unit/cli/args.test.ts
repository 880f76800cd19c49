import { parseCommandLine } from '../../../bin/cli/args';
import { UsageError } from '../../../bin/cli/values';

describe('parseCommandLine', () => {
  it('maps flags to input members', () => {
    const line = parseCommandLine([
      'batch-update-findings',
      '--finding-identifiers',
      'Id=a,ProductArn=p',
      'Id=b,ProductArn=p',
      '--workflow',
      'Status=RESOLVED',
      '--note',
      '{"Text":"fixed","UpdatedBy":"alice"}',
      '--confidence',
      '80',
      '--types',
      'A/B',
      'C/D',
    ]);
    expect(line.command?.operation).toBe('BatchUpdateFindings');
    expect(line.input).toEqual({
      FindingIdentifiers: [
        { Id: 'a', ProductArn: 'p' },
        { Id: 'b', ProductArn: 'p' },
      ],
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: 'fixed', UpdatedBy: 'alice' },
      Confidence: 80,
      Types: ['A/B', 'C/D'],
    });
  });

  it('takes global options anywhere, with = or a separate value', () => {
    const line = parseCommandLine(['--region', 'eu-west-1', 'get-findings', '--endpoint-url=http://localhost:9']);
    expect(line.global).toMatchObject({ region: 'eu-west-1', endpointUrl: 'http://localhost:9' });
  });

  it('paginates get-findings by default', () => {
    expect(parseCommandLine(['get-findings']).paging).toEqual({ paginate: true });
  });

  it('reads the paging flags', () => {
    expect(parseCommandLine(['get-findings', '--max-items', '5', '--page-size', '2', '--starting-token', 't']).paging).toEqual({
      paginate: true,
      maxItems: 5,
      pageSize: 2,
      startingToken: 't',
    });
  });

  it('turns pagination off with --max-results or --next-token, as the AWS CLI does', () => {
    const line = parseCommandLine(['get-findings', '--max-results', '10']);
    expect(line.paging.paginate).toBe(false);
    expect(line.input).toEqual({ MaxResults: 10 });
    expect(parseCommandLine(['get-findings', '--no-paginate']).paging.paginate).toBe(false);
  });

  it('parses history timestamps into dates', () => {
    const line = parseCommandLine(['get-finding-history', '--finding-identifier', 'Id=a,ProductArn=p', '--start-time', '2026-01-01T00:00:00Z']);
    expect(line.input.StartTime).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it.each([
    [['nope'], /Unknown command 'nope'/],
    [['get-findings', '--bogus', 'x'], /Unknown option for get-findings: --bogus/],
    [['batch-import-findings'], /required: --findings/],
    [['batch-update-findings', '--finding-identifiers', 'Id=a', '--confidence', 'high'], /expected an integer/],
    [['batch-import-findings', '--max-items', '3', '--findings', '[]'], /Unknown option for batch-import-findings: --max-items/],
    [['get-findings', '--output', 'yaml'], /Invalid choice 'yaml'/],
  ])('rejects %p', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it('asks for help', () => {
    expect(parseCommandLine(['get-findings', 'help'])).toMatchObject({ global: { help: true }, command: { name: 'get-findings' } });
    expect(parseCommandLine(['--help']).global.help).toBe(true);
  });
});
