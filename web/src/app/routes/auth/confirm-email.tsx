import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useConfirmEmail } from '@/features/auth/api/confirm-email';
import { problemMessage } from '@/lib/problem';

export default function ConfirmEmailRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const confirm = useConfirmEmail({ onSuccess: () => navigate(paths.app.root.getHref(), { replace: true }) });
  // The link works once: confirm exactly once, even under StrictMode's double effects.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    confirm.mutate({ token });
  }, [confirm, token]);

  return (
    <AuthLayout
      title="Confirmação de e-mail"
      footer={
        <Link to={paths.auth.login.getHref()} className="font-medium text-indigo-700 hover:underline">
          Ir para o login
        </Link>
      }
    >
      {confirm.isError ? (
        <Alert title="Não foi possível confirmar o e-mail">{problemMessage(confirm.error)}</Alert>
      ) : (
        <PageSpinner label="Confirmando seu e-mail…" />
      )}
    </AuthLayout>
  );
}
