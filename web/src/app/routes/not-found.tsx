import { Link } from 'react-router';

import { paths } from '@/config/paths';

export default function NotFoundRoute() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Página não encontrada</h1>
      <p className="mt-2 text-slate-600">O endereço que você abriu não existe ou mudou de lugar.</p>
      <Link
        to={paths.app.root.getHref()}
        className="mt-6 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
      >
        Ir para o início
      </Link>
    </main>
  );
}
