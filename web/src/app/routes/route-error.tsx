import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : null;
  return (
    <div role="alert" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Algo deu errado</h1>
      <p className="mt-2 text-slate-600">
        Esta página encontrou um erro inesperado. Recarregue a página; se continuar, fale com o suporte.
      </p>
      {detail && <p className="mt-2 font-mono text-xs text-slate-500">{detail}</p>}
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="mt-6 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
      >
        Recarregar
      </button>
    </div>
  );
}
