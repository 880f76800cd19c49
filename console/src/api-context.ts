/** The page's API client, given by `<App>` to every view (a module of its own, so views never import the app). */
import { createContext, useContext } from 'react';
import type { ConsoleApi } from './api/client';

/** The context `<App>` provides. */
export const ApiContext = createContext<ConsoleApi | null>(null);

/** The API client of the page. */
export function useApi(): ConsoleApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <App>');
  return api;
}
