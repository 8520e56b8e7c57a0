import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

import type { DashboardPeriod } from '@/lib/api/models';
import { addDaysIso, todayIso } from '@/lib/format';

import { DEFAULT_PERIOD, readPeriod } from '../utils/period';

/**
 * The dashboard's period, read from and written to the URL (`periodo`, `de`,
 * `ate`), replacing the history entry like the lists' filters. Choosing
 * "Personalizado" starts from the last 30 days.
 */
export function useDashboardPeriod() {
  const [params, setParams] = useSearchParams();
  const raw = { periodo: params.get('periodo') ?? '', de: params.get('de') ?? '', ate: params.get('ate') ?? '' };
  const choice = readPeriod(raw);

  const choose = useCallback(
    (period: DashboardPeriod) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (period === DEFAULT_PERIOD) next.delete('periodo');
          else next.set('periodo', period);
          if (period === 'custom') {
            const today = todayIso();
            if (!next.get('de')) next.set('de', addDaysIso(today, -29));
            if (!next.get('ate')) next.set('ate', today);
          } else {
            next.delete('de');
            next.delete('ate');
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setDate = useCallback(
    (key: 'de' | 'ate', value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  return { ...choice, rawFrom: raw.de, rawTo: raw.ate, choose, setDate };
}
