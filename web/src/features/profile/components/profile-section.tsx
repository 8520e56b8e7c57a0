import { useId, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

type ProfileSectionProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
};

/** One card of "Meu perfil": a region named by its heading. */
export function ProfileSection({ title, description, children, className }: ProfileSectionProps) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn('rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6', className)}>
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
