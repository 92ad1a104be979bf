import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { useApi } from '../auth/session';

export type Organisation = Schemas['OrganisationDto'];

interface Organisations {
  /** Loaded (empty until the API answered). */
  list: Organisation[];
  byCode: Map<string, Organisation>;
}

const OrganisationsContext = createContext<Organisations>({ list: [], byCode: new Map() });

/** The organisation register, fetched once per session: names for codes, and the kinds that decide what a person may open. */
export function OrganisationsProvider({ children }: { children: ReactNode }) {
  const { api } = useApi();
  const [value, setValue] = useState<Organisations>({ list: [], byCode: new Map() });
  useEffect(() => {
    const controller = new AbortController();
    void api.GET('/organisations', { signal: controller.signal }).then(({ data }) => {
      if (data) setValue({ list: data, byCode: new Map(data.map((o) => [o.code, o])) });
    }).catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return <OrganisationsContext.Provider value={value}>{children}</OrganisationsContext.Provider>;
}

export function useOrganisations(): Organisations & { name(code: string): string } {
  const value = useContext(OrganisationsContext);
  return { ...value, name: (code: string) => value.byCode.get(code)?.name ?? code };
}

/** Kinds of organisation that care for in-patients and so send inskrivningsmeddelanden. */
export const INPATIENT_KINDS: readonly string[] = ['acute_hospital', 'spsv', 'geriatric_care'];
