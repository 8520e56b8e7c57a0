import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Invitation } from '@/lib/api/models';
import { ROLE_LABELS } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useInvitations } from '../api/get-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';

export function PendingInvitations() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <section aria-labelledby="invitations-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="invitations-title" className="border-b border-slate-200 p-4 text-lg font-semibold text-slate-900">
        Convites pendentes
      </h2>
      <div aria-live="assertive">
        {revoke.isError && (
          <div className="p-4">
            <Alert>{problemMessage(revoke.error)}</Alert>
          </div>
        )}
      </div>
      {invitations.isPending ? (
        <PageSpinner label="Carregando convites…" />
      ) : invitations.isError ? (
        <div className="p-4">
          <Alert title="Não foi possível carregar os convites">{problemMessage(invitations.error)}</Alert>
        </div>
      ) : invitations.data.items.length === 0 ? (
        <p className="p-6 text-center text-sm text-slate-600">Nenhum convite pendente.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {invitations.data.items.map((invitation) => (
            <li key={invitation.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0 text-sm">
                <p className="font-medium break-all text-slate-900">{invitation.email}</p>
                <p className="text-slate-600">
                  {ROLE_LABELS[invitation.role] ?? invitation.role} · expira em {formatDateTime(invitation.expires_at)}
                </p>
              </div>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => setRevoking(invitation)}
                aria-label={`Revogar convite de ${invitation.email}`}
              >
                Revogar
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revogar convite?"
        confirmLabel="Revogar"
        tone="danger"
        isLoading={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      >
        O link enviado para <strong>{revoking?.email}</strong> deixa de funcionar.
      </ConfirmDialog>
    </section>
  );
}
