import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { AuthLayout } from '@/components/layouts/auth-layout';
import { paths, safeRedirect } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/login-form';
import { useSession } from '@/lib/session';

export default function LoginRoute() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const hasSession = useSession((state) => state.hasSession);
  const redirectTo = safeRedirect(searchParams.get('redirectTo'));

  if (hasSession) return <Navigate to={redirectTo} replace />;

  return (
    <AuthLayout
      title="Entrar"
      description="Acesse o ConectCRM da sua empresa."
      footer={
        <>
          Ainda não tem conta?{' '}
          <Link to={paths.auth.signup.getHref()} className="font-medium text-indigo-700 hover:underline">
            Cadastre sua empresa
          </Link>
        </>
      }
    >
      <LoginForm onSuccess={() => navigate(redirectTo, { replace: true })} />
    </AuthLayout>
  );
}
