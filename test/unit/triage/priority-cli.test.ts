import { parseParameter } from '../../../bin/cli/commands';
import { validateSortCriteria } from '../../../lambdas/filters/sort';

describe('sorting by priority from the CLI', () => {
  it('parses --sort-criteria Field=Priority,SortOrder=desc into a criterion GetFindings accepts', () => {
    const criteria = parseParameter({ flag: 'sort-criteria', member: 'SortCriteria', kind: 'structure-list' }, ['Field=Priority,SortOrder=desc']);
    expect(criteria).toEqual([{ Field: 'Priority', SortOrder: 'desc' }]);
    expect(validateSortCriteria(criteria)).toEqual([{ Field: 'Priority', SortOrder: 'desc' }]);
  });

  it('normalizes the ProductFields path spelling to Priority and still refuses unknown fields', () => {
    expect(validateSortCriteria([{ Field: 'ProductFields.opensecurityhub/Priority' }])).toEqual([{ Field: 'Priority', SortOrder: 'desc' }]);
    expect(() => validateSortCriteria([{ Field: 'Priorities' }])).toThrow('SortCriteria[0].Field Priorities is not a sortable finding attribute');
  });
});
