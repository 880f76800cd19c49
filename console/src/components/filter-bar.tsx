/** The filter bar: the conditions as removable chips, and a form to add one (field, comparison, value). */
import { useState } from 'react';
import { addCondition, comparisonsFor, conditionViews, FILTER_KEYS, kindOfField, removeCondition, type AwsSecurityFindingFilters, type FilterKey } from '../filters';

const COMPARISON_WORDS: Record<string, string> = {
  EQUALS: 'is',
  NOT_EQUALS: 'is not',
  PREFIX: 'starts with',
  PREFIX_NOT_EQUALS: 'does not start with',
  Eq: '=',
  Gte: '≥',
  Lte: '≤',
  WITHIN_DAYS: 'within the last N days',
  OLDER_THAN_DAYS: 'older than N days',
  Start: 'from (date)',
  End: 'until (date)',
  Cidr: 'in CIDR',
};

/** Edits `filters`; every change goes through `onChange` (the URL). */
export function FilterBar({ filters, onChange, onReset }: { filters: AwsSecurityFindingFilters; onChange: (next: AwsSecurityFindingFilters) => void; onReset: () => void }) {
  const [field, setField] = useState<FilterKey>('SeverityLabel');
  const comparisons = comparisonsFor(kindOfField(field));
  const [comparison, setComparison] = useState(comparisons[0]);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();
  const chosen = comparisons.includes(comparison) ? comparison : comparisons[0];
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    try {
      onChange(addCondition(filters, field, chosen, value));
      setValue('');
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const chips = conditionViews(filters);
  return (
    <section className="filter-bar" aria-label="Filters">
      <ul className="chips" aria-label="Active filters">
        {chips.length === 0 && <li className="hint">No filters: every finding.</li>}
        {chips.map((chip) => (
          <li key={`${chip.field}-${chip.index}`} className="chip" data-testid="filter-chip">
            {chip.text}
            <button type="button" aria-label={`Remove filter ${chip.text}`} onClick={() => onChange(removeCondition(filters, chip.field, chip.index))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="add-filter">
        <label>
          Field
          <select
            value={field}
            data-testid="filter-field"
            onChange={(event) => {
              setField(event.target.value as FilterKey);
              setComparison(comparisonsFor(kindOfField(event.target.value as FilterKey))[0]);
            }}
          >
            {FILTER_KEYS.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <label>
          Comparison
          <select value={chosen} data-testid="filter-comparison" onChange={(event) => setComparison(event.target.value)}>
            {comparisons.map((entry) => (
              <option key={entry} value={entry}>
                {COMPARISON_WORDS[entry] ?? entry}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <input value={value} data-testid="filter-value" placeholder={kindOfField(field) === 'map' ? 'key=value' : ''} onChange={(event) => setValue(event.target.value)} />
        </label>
        <button type="submit">Add filter</button>
        <button type="button" onClick={onReset}>
          Default filters
        </button>
        <button type="button" onClick={() => onChange({})}>
          Clear
        </button>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
