/** Saved views: named links to the findings list (filters, grouping, sort), kept in localStorage. */
import { useState } from 'react';

const KEY = 'open-security-hub.saved-views';

interface SavedView {
  name: string;
  link: string;
}

function read(): SavedView[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as SavedView[]).filter((view) => typeof view?.name === 'string' && typeof view?.link === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the current link under a name; lists, opens and deletes saved ones. */
export function SavedViews({ current }: { current: string }) {
  const [views, setViews] = useState(read);
  const [name, setName] = useState('');
  const store = (next: SavedView[]) => {
    window.localStorage.setItem(KEY, JSON.stringify(next));
    setViews(next);
  };
  return (
    <details className="saved-views">
      <summary>Saved views ({views.length})</summary>
      <ul>
        {views.map((view) => (
          <li key={view.name}>
            <a href={view.link}>{view.name}</a>{' '}
            <button type="button" aria-label={`Delete saved view ${view.name}`} onClick={() => store(views.filter((other) => other.name !== view.name))}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') return;
          store([...views.filter((view) => view.name !== name.trim()), { name: name.trim(), link: current }]);
          setName('');
        }}
      >
        <label>
          Name <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit">Save this view</button>
      </form>
    </details>
  );
}
