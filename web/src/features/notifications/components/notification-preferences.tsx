import { useState } from 'react';

import { DesktopToggle } from '@/components/desktop-toggle';
import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

import { useNotificationPreferences, useSavePreferences, type NotificationPreference } from '../api/notifications';
import { KIND_LABELS } from '../utils/labels';


type Channel = 'in_app' | 'email' | 'desktop';
const CHANNELS: { key: Channel; label: string }[] = [
  { key: 'in_app', label: 'No sino' },
  { key: 'email', label: 'E-mail' },
  { key: 'desktop', label: 'Área de trabalho' },
];

/**
 * Per kind: in the bell, by e-mail, as a desktop alert. Only the kinds of
 * the parts of the product the person's role works in; each change is
 * saved at once.
 */
export function NotificationPreferences() {
  const { user } = useMe();
  const preferences = useNotificationPreferences();
  const save = useSavePreferences();
  // A box shows its new state at once; the saved list replaces it when the server answers (or the old one, if it refuses).
  const [choosing, setChoosing] = useState<Record<string, boolean>>({});

  if (preferences.isPending) return <Spinner label="Carregando preferências…" />;
  if (preferences.isError) return <Alert title="Não foi possível carregar as preferências">{problemMessage(preferences.error)}</Alert>;

  const items = preferences.data.items.filter((p) => canAccess(user.role, KIND_LABELS[p.kind].section));
  const change = (p: NotificationPreference, channel: Channel, on: boolean) => {
    const key = `${p.kind}.${channel}`;
    setChoosing((was) => ({ ...was, [key]: on }));
    save.mutate([{ ...p, [channel]: on }], {
      onSettled: () =>
        setChoosing((was) => {
          const { [key]: _done, ...rest } = was;
          return rest;
        }),
    });
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600">Escolha o que chega no sino, por e-mail e como aviso na área de trabalho.</p>
        <DesktopToggle />
      </div>
      {save.isError && <Alert title="Não foi possível salvar">{problemMessage(save.error)}</Alert>}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[28rem] text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pr-4 font-medium">
                Aviso
              </th>
              {CHANNELS.map((c) => (
                <th key={c.key} scope="col" className="px-2 py-2 text-center font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((p) => {
              const { label, hint } = KIND_LABELS[p.kind];
              return (
                <tr key={p.kind}>
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <span className="block font-medium text-slate-900">{label}</span>
                    <span className="block text-xs text-slate-500">{hint}</span>
                  </th>
                  {CHANNELS.map((c) => (
                    <td key={c.key} className="px-2 py-2 text-center">
                      <input
                        type="checkbox"
                        className="size-4 rounded border-slate-300 text-indigo-600"
                        aria-label={`${label}: ${c.label}`}
                        checked={choosing[`${p.kind}.${c.key}`] ?? p[c.key]}
                        onChange={(event) => change(p, c.key, event.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
