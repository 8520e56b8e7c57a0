import { Link, Navigate, useNavigate } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths } from '@/config/paths';
import { SignupForm } from '@/features/auth/components/signup-form';
import { useSession } from '@/lib/session';

export default function SignupRoute() {
  const navigate = useNavigate();
  const hasSession = useSession((state) => state.hasSession);

  if (hasSession) return <Navigate to={paths.app.root.getHref()} replace />;

  return (
    <AuthLayout
      title="Cadastre sua empresa"
      description="Crie a conta da empresa; você entra como proprietário e convida a equipe depois."
      footer={
        <>
          Já tem conta?{' '}
          <Link to={paths.auth.login.getHref()} className="font-medium text-indigo-700 hover:underline">
            Entrar
          </Link>
        </>
      }
    >
      <SignupForm onSuccess={() => navigate(paths.app.root.getHref(), { replace: true })} />
    </AuthLayout>
  );
}
