import { cn } from '@/lib/cn';

export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  const dimension = { sm: 'size-4', md: 'size-6', lg: 'size-10' }[size];
  return (
    <span role={label ? 'status' : undefined} className="inline-flex items-center gap-2">
      <span
        aria-hidden="true"
        className={cn('animate-spin rounded-full border-2 border-current border-t-transparent', dimension)}
      />
      {label && <span className="text-sm text-slate-600">{label}</span>}
    </span>
  );
}

export function PageSpinner({ label = 'Carregando…' }: { label?: string }) {
  return (
    <div className="flex min-h-48 w-full items-center justify-center text-indigo-700">
      <Spinner size="lg" label={label} />
    </div>
  );
}
