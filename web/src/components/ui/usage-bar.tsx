import { cn } from '@/lib/cn';

type UsageBarProps = {
  label: string;
  used: number;
  /** null = unlimited */
  limit: number | null;
  format?: (value: number) => string;
};

export function UsageBar({ label, used, limit, format = String }: UsageBarProps) {
  const ratio = limit ? Math.min(1, used / limit) : 0;
  const tone = ratio >= 1 ? 'bg-red-600' : ratio >= 0.8 ? 'bg-amber-500' : 'bg-indigo-600';
  const text = limit === null ? `${format(used)} (ilimitado)` : `${format(used)} de ${format(limit)}`;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className="text-slate-600">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit ?? undefined}
        aria-valuenow={used}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn('h-full rounded-full', tone)} style={{ width: `${limit === null ? 0 : ratio * 100}%` }} />
      </div>
    </div>
  );
}
