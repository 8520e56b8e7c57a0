import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { Role } from '@/lib/api/models';
import { ROLE_LABELS, SECTION_LABELS, type Section } from '@/lib/authorization';

export function AccessDenied({ section, role }: { section: Section; role: Role }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <p aria-hidden="true" className="text-4xl">
        🔒
      </p>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">Acesso negado</h1>
      <p className="mt-2 text-slate-600">
        Seu perfil (<strong>{ROLE_LABELS[role]}</strong>) não tem acesso a <strong>{SECTION_LABELS[section]}</strong>.
        Se você precisa desta área, peça a um proprietário ou administrador da sua empresa para mudar o seu papel.
      </p>
      <Link
        to={paths.app.root.getHref()}
        className="mt-6 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
      >
        Voltar ao início
      </Link>
    </div>
  );
}
