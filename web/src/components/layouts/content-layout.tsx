import { useEffect, type ReactNode } from 'react';

type ContentLayoutProps = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  /** Use the whole width (a kanban board) instead of the reading width. */
  wide?: boolean;
};

export function ContentLayout({ title, description, actions, children, wide = false }: ContentLayoutProps) {
  useEffect(() => {
    document.title = `${title} · ConectCRM`;
  }, [title]);
  return (
    <div className={wide ? 'w-full px-4 py-6 sm:px-6 lg:px-8' : 'mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8'}>
      <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </div>
  );
}
