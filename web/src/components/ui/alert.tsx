import type { ReactNode } from 'react';

import { cn } from '@/lib/cn';

const tones = {
  error: 'border-red-300 bg-red-50 text-red-900',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
  info: 'border-sky-300 bg-sky-50 text-sky-900',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
} as const;

type AlertProps = {
  tone?: keyof typeof tones;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
};

/** Errors are announced at once (role="alert"); the other tones politely. */
export function Alert({ tone = 'error', title, children, className }: AlertProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-md border px-4 py-3 text-sm', tones[tone], className)}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : undefined}>{children}</div>}
    </div>
  );
}

/**
 * A live region that is always in the page, so screen readers announce the
 * message when it appears. Shows a problem's detail and any field errors that
 * belong to no input.
 */
export function FormErrors({ message, extra = [] }: { message?: string | null; extra?: string[] }) {
  return (
    <div aria-live="assertive" aria-atomic="true">
      {message && (
        <div className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-medium">{message}</p>
          {extra.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {extra.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
