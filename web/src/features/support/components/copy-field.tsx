import { CopyButton } from '@/components/ui/copy-button';
import { cn } from '@/lib/cn';

/** A read-only value with "Copiar" (webhook URLs, tokens, the widget snippet). */
export function CopyField({ id, label, value, mono = true, multiline = false }: { id: string; label: string; value: string; mono?: boolean; multiline?: boolean }) {
  const className = cn(
    'block w-full min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-xs text-slate-900',
    mono && 'font-mono',
  );
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        {multiline ? (
          <textarea id={id} readOnly rows={2} value={value} onFocus={(event) => event.target.select()} className={cn(className, 'resize-none')} />
        ) : (
          <input id={id} readOnly value={value} onFocus={(event) => event.target.select()} className={className} />
        )}
        <CopyButton text={value} aria-label={`Copiar ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
