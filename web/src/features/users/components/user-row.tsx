import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { Role, User } from '@/lib/api/models';
import { ROLE_LABELS, ROLES } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useUpdateUser } from '../api/update-user';

type UserRowProps = { user: User; isSelf: boolean; canManage: boolean };

export function UserRow({ user, isSelf, canManage }: UserRowProps) {
  const update = useUpdateUser();
  const [confirming, setConfirming] = useState(false);
  const editable = canManage && !isSelf;
  const pendingRole = update.isPending ? update.variables.data.role : undefined;
  const roleSelectId = `role-${user.id}`;

  const message = update.error
    ? problemMessage(update.error, { 409: 'A empresa precisa de pelo menos um proprietário ativo.' })
    : null;

  return (
    <tr className={cn(!user.active && 'bg-slate-50 text-slate-500')}>
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900">
          {user.name}
          {isSelf && <span className="ml-2 text-xs font-normal text-slate-500">(você)</span>}
        </p>
        <p className="break-all text-slate-600">{user.email}</p>
        <div aria-live="polite">
          {message && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-700">
              {message}
            </p>
          )}
        </div>
      </td>
      <td className="px-4 py-3">
        {editable ? (
          <>
            <label htmlFor={roleSelectId} className="sr-only">
              Papel de {user.name}
            </label>
            <select
              id={roleSelectId}
              value={pendingRole ?? user.role}
              disabled={update.isPending}
              onChange={(event) => update.mutate({ id: user.id, data: { role: event.target.value as Role } })}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </>
        ) : (
          ROLE_LABELS[user.role]
        )}
      </td>
      <td className="px-4 py-3">
        <span
          className={cn(
            'inline-flex rounded-full px-2 py-0.5 text-xs font-medium',
            user.active ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700',
          )}
        >
          {user.active ? 'Ativo' : 'Inativo'}
        </span>
      </td>
      <td className="px-4 py-3 whitespace-nowrap">{formatDate(user.created_at)}</td>
      <td className="px-4 py-3 text-right">
        {editable && (
          <>
            <Button
              size="sm"
              variant={user.active ? 'secondary' : 'primary'}
              onClick={() => setConfirming(true)}
              disabled={update.isPending}
              aria-label={`${user.active ? 'Desativar' : 'Reativar'} ${user.name}`}
            >
              {user.active ? 'Desativar' : 'Reativar'}
            </Button>
            <ConfirmDialog
              open={confirming}
              title={user.active ? `Desativar ${user.name}?` : `Reativar ${user.name}?`}
              confirmLabel={user.active ? 'Desativar' : 'Reativar'}
              tone={user.active ? 'danger' : 'primary'}
              isLoading={update.isPending}
              onCancel={() => setConfirming(false)}
              onConfirm={() =>
                update.mutate(
                  { id: user.id, data: { active: !user.active } },
                  { onSettled: () => setConfirming(false) },
                )
              }
            >
              {user.active
                ? 'A pessoa deixa de conseguir entrar no ConectCRM. O histórico dela é mantido e você pode reativá-la depois.'
                : 'A pessoa volta a poder entrar no ConectCRM, com o papel que tinha.'}
            </ConfirmDialog>
          </>
        )}
      </td>
    </tr>
  );
}
