import { InvalidInputError } from '../../../lambdas/shared/errors';
import { OPERATIONS } from '../../../lambdas/api/operations';

function parse(name: string, body: Record<string, unknown>): unknown {
  const operation = OPERATIONS.find((candidate) => candidate.name === name);
  if (!operation) throw new Error(`no ${name}`);
  return operation.parse({ body, pathParameters: {}, query: {} });
}

function parseError(name: string, body: Record<string, unknown>): InvalidInputError {
  try {
    parse(name, body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

const identifier = { Id: 'f-1', ProductArn: 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default' };

describe('BatchImportFindings envelope', () => {
  it('accepts 1 to 100 finding objects', () => {
    expect(parse('BatchImportFindings', { Findings: Array.from({ length: 100 }, () => ({})) })).toEqual({ Findings: expect.any(Array) });
  });

  it('rejects more than 100 findings', () => {
    expect(parseError('BatchImportFindings', { Findings: Array.from({ length: 101 }, () => ({})) }).message).toBe(
      "Invalid parameter 'Findings': has 101 element(s); it must have between 1 and 100.",
    );
  });

  it('rejects an empty batch', () => {
    expect(parseError('BatchImportFindings', { Findings: [] }).message).toContain("'Findings': has 0 element(s)");
  });

  it('requires Findings', () => {
    expect(parseError('BatchImportFindings', {}).message).toBe("Missing required parameter 'Findings'.");
  });

  it('names the element that is not an object', () => {
    expect(parseError('BatchImportFindings', { Findings: [{}, 'x'] }).message).toBe("Invalid parameter 'Findings[1]': expected an object, got a string.");
  });
});

describe('GetFindings envelope', () => {
  it('passes filters, sort criteria, MaxResults and NextToken through', () => {
    const body = {
      Filters: { SeverityLabel: [{ Value: 'HIGH', Comparison: 'EQUALS' }] },
      SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }],
      MaxResults: 10,
      NextToken: 't',
    };
    expect(parse('GetFindings', body)).toEqual(body);
  });

  it.each([0, 101, 1.5, '10'])('rejects MaxResults %p', (MaxResults) => {
    expect(parseError('GetFindings', { MaxResults }).message).toMatch(/^Invalid parameter 'MaxResults'/);
  });

  it('names a filter whose value is not a list', () => {
    expect(parseError('GetFindings', { Filters: { SeverityLabel: { Value: 'HIGH' } } }).message).toBe(
      "Invalid parameter 'Filters.SeverityLabel': expected an array, got an object.",
    );
  });

  it('rejects a sort order other than asc/desc', () => {
    expect(parseError('GetFindings', { SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'up' }] }).message).toContain("'SortCriteria[0].SortOrder'");
  });
});

describe('BatchUpdateFindings envelope', () => {
  it('keeps only the members the caller sent', () => {
    expect(parse('BatchUpdateFindings', { FindingIdentifiers: [identifier], Workflow: { Status: 'RESOLVED' } })).toEqual({
      FindingIdentifiers: [identifier],
      Workflow: { Status: 'RESOLVED' },
    });
  });

  it('rejects more than 100 identifiers', () => {
    expect(parseError('BatchUpdateFindings', { FindingIdentifiers: Array(101).fill(identifier) }).message).toContain("'FindingIdentifiers': has 101 element(s)");
  });

  it('names the identifier member that is missing', () => {
    expect(parseError('BatchUpdateFindings', { FindingIdentifiers: [identifier, { Id: 'x' }] }).message).toBe("Missing required parameter 'FindingIdentifiers[1].ProductArn'.");
  });

  it('names a user-defined field whose value is not a string', () => {
    expect(parseError('BatchUpdateFindings', { FindingIdentifiers: [identifier], UserDefinedFields: { a: 1 } }).message).toBe(
      "Invalid parameter 'UserDefinedFields.a': expected a string, got a number.",
    );
  });

  it('requires both members of a note', () => {
    expect(parseError('BatchUpdateFindings', { FindingIdentifiers: [identifier], Note: { Text: 'x' } }).message).toBe("Missing required parameter 'Note.UpdatedBy'.");
  });
});

describe('GetFindingHistory envelope', () => {
  it('requires the finding identifier', () => {
    expect(parseError('GetFindingHistory', {}).message).toBe("Missing required parameter 'FindingIdentifier'.");
  });

  it('rejects a StartTime that is not a timestamp', () => {
    expect(parseError('GetFindingHistory', { FindingIdentifier: identifier, StartTime: 'yesterday' }).message).toBe(
      "Invalid parameter 'StartTime': 'yesterday' is not an ISO 8601 timestamp.",
    );
  });

  it('accepts timestamps and MaxResults up to 100', () => {
    const body = { FindingIdentifier: identifier, StartTime: '2026-01-01T00:00:00Z', MaxResults: 100 };
    expect(parse('GetFindingHistory', body)).toEqual(body);
  });
});
