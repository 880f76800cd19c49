/** The console's entry: reads config.json, signs in when deployed, renders the app. */
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createConsoleApi } from './api/client';
import { loadConfig } from './api/config';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    const config = await loadConfig();
    if (config.mode === 'local') {
      root.render(<App api={createConsoleApi(config)} />);
      return;
    }
    const { signIn } = await import('./api/auth');
    const session = await signIn(config);
    if (session === undefined) return; // redirected to sign-in
    root.render(<App api={createConsoleApi(config, session.credentials, session.user)} onSignOut={session.signOut} />);
  } catch (error) {
    root.render(
      <main className="fatal" role="alert">
        <h1>The console cannot start</h1>
        <p>{(error as Error).message}</p>
      </main>,
    );
  }
}

void start();
