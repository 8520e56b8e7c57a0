import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { Role } from '@/lib/api/models';
import { ROLE_LABELS, SECTION_LABELS, type Section } from '@/lib/authorization';

type AccessDeniedProps = {
  role: Role;
  /** Where the link under the message goes; the start page by default. */
  back?: { to: string; label: string };
} & (
  | { /** A whole section the role cannot open: "não tem acesso a Financeiro." */ section: Section; children?: never }
  | { section?: never; /** What the role cannot do, after "Seu perfil (Vendedor)": "não configura o CRM. …" */ children: ReactNode }
);

/** The one "Acesso negado" page: a section the role cannot open, or a page inside one it can (a section's settings). */
export function AccessDenied({ role, section, children, back = { to: paths.app.root.getHref(), label: 'Voltar ao início' } }: AccessDeniedProps) {
  useEffect(() => {
    document.title = 'Acesso negado · ConectCRM';
  }, []);
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p aria-hidden="true" className="text-4xl">
        🔒
      </p>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">Acesso negado</h1>
      <p className="mt-2 text-slate-600">
        Seu perfil (<strong>{ROLE_LABELS[role]}</strong>){' '}
        {section ? (
          <>
            não tem acesso a <strong>{SECTION_LABELS[section]}</strong>.
          </>
        ) : (
          children
        )}
      </p>
      <p className="mt-2 text-slate-600">Se você precisa desta área, peça a um proprietário ou administrador da sua empresa para mudar o seu papel.</p>
      <Link
        to={back.to}
        className="mt-6 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
      >
        {back.label}
      </Link>
    </div>
  );
}
