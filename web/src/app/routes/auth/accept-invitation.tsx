import { useNavigate, useParams } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { AcceptInvitationForm } from '@/features/auth/components/accept-invitation-form';

export default function AcceptInvitationRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return (
    <AuthLayout title="Aceitar convite" description="Você foi convidado para usar o ConectCRM.">
      <AcceptInvitationForm
        token={token}
        onSuccess={() => navigate(paths.app.root.getHref(), { replace: true })}
      />
    </AuthLayout>
  );
}
