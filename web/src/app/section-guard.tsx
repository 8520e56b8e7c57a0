import { Outlet } from 'react-router';

import { AccessDenied } from '@/components/errors/access-denied';
import { useMe } from '@/lib/auth';
import { canAccess, type Section } from '@/lib/authorization';

/** Renders the section for roles that may open it, and "Acesso negado" for the others. */
export function SectionGuard({ section }: { section: Section }) {
  const { user } = useMe();
  if (!canAccess(user.role, section)) return <AccessDenied section={section} role={user.role} />;
  return <Outlet />;
}
