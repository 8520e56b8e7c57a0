import { Link, useParams } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';

export default function ResetPasswordRoute() {
  const { token = '' } = useParams();
  return (
    <AuthLayout
      title="Criar nova senha"
      footer={
        <Link to={paths.auth.login.getHref()} className="font-medium text-indigo-700 hover:underline">
          Voltar para o login
        </Link>
      }
    >
      <ResetPasswordForm token={token} />
    </AuthLayout>
  );
}
