/** The console's shell: navigation, the current view, and the API every view uses. */
import { ApiContext } from './api-context';
import type { ConsoleApi } from './api/client';
import { href, useRoute, type Route } from './router';
import { FindingDetail } from './views/finding-detail';
import { Findings } from './views/findings';
import { Insights } from './views/insights';
import { Scope, Scopes } from './views/scopes';
import { Control, Standard, Standards } from './views/standards';
import { Summary } from './views/summary';

const NAV: Array<{ view: string; label: string; also?: string[] }> = [
  { view: 'summary', label: 'Summary' },
  { view: 'findings', label: 'Findings', also: ['finding'] },
  { view: 'standards', label: 'Standards and controls', also: ['standard', 'control'] },
  { view: 'insights', label: 'Insights', also: ['insight'] },
  { view: 'accounts', label: 'Accounts', also: ['account'] },
  { view: 'regions', label: 'Regions', also: ['region'] },
];

function View({ route }: { route: Route }) {
  const { view, params } = route;
  switch (view) {
    case 'summary':
      return <Summary />;
    case 'findings':
      return <Findings params={params} />;
    case 'finding':
      return <FindingDetail id={params.get('id') ?? ''} productArn={params.get('product') ?? ''} />;
    case 'standards':
      return <Standards />;
    case 'standard':
      return <Standard arn={params.get('arn') ?? ''} />;
    case 'control':
      return <Control id={params.get('id') ?? ''} />;
    case 'insights':
    case 'insight':
      return <Insights selected={params.get('arn') ?? undefined} />;
    case 'accounts':
      return <Scopes kind="account" />;
    case 'regions':
      return <Scopes kind="region" />;
    case 'account':
    case 'region':
      return <Scope kind={view} id={params.get('id') ?? ''} />;
    default:
      return (
        <p role="alert">
          No view “{view}”. <a href={href('summary')}>Go to the summary</a>.
        </p>
      );
  }
}

/** The whole app. */
export function App({ api, onSignOut }: { api: ConsoleApi; onSignOut?: () => Promise<void> }) {
  const route = useRoute();
  return (
    <ApiContext.Provider value={api}>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link: #main is its real target (it works without script); the handler only moves focus there without touching the hash route */}
      <a
        className="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Open Security Hub</span>
        <nav aria-label="Views">
          <ul>
            {NAV.map((item) => {
              const current = item.view === route.view || (item.also ?? []).includes(route.view);
              return (
                <li key={item.view}>
                  <a href={href(item.view)} aria-current={current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <span className="who">
          {api.config.mode === 'local' ? 'embedded default' : api.user}
          {onSignOut && (
            <button type="button" onClick={() => void onSignOut()}>
              Sign out
            </button>
          )}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <View route={route} />
      </main>
    </ApiContext.Provider>
  );
}
