import { createContext, useContext, type ReactNode } from 'react';
import { api } from '../api/api-client';
import type { DataRange, KpiMeta, Practice } from '../api/api-types';
import { useApi } from '../api/use-api';
import { formatterOf, type Formatter } from '../lib/format';
import { LoadingState, ErrorState } from '../components/status-views';

/** What every page needs and loads once: the practice, the KPI catalog and the data's range. */
export interface AppData {
  practice: Practice;
  catalog: KpiMeta[];
  range: DataRange;
  fmt: Formatter;
  metaOf: (id: string) => KpiMeta | undefined;
}

const AppContext = createContext<AppData | null>(null);

export function useAppData(): AppData {
  const data = useContext(AppContext);
  if (!data) throw new Error('useAppData outside AppDataProvider');
  return data;
}

export function AppDataProvider({ children }: { children: ReactNode }) {
  const loaded = useApi('app', () => Promise.all([api.practice(), api.catalog(), api.dataRange()]));
  if (loaded.state === 'loading') return <LoadingState what="the practice settings" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  const [practice, catalog, range] = loaded.data;
  const byId = new Map(catalog.map((k) => [k.id as string, k]));
  const value: AppData = {
    practice,
    catalog,
    range,
    fmt: formatterOf(practice),
    metaOf: (id) => byId.get(id),
  };
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
