import { cn } from '@/lib/cn';

type Chip<T extends string> = { value: T | ''; label: string };

/** A row of toggle buttons for a list's status filter; '' is "all". */
export function FilterChips<T extends string>({
  label,
  chips,
  value,
  onChange,
}: {
  label: string;
  chips: Chip<T>[];
  value: T | '';
  onChange: (value: T | '') => void;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-2">
      {chips.map((chip) => {
        const active = chip.value === value;
        return (
          <button
            key={chip.value || 'all'}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(chip.value)}
            className={cn(
              'inline-flex h-8 items-center rounded-full px-3 text-sm font-medium ring-1 ring-inset',
              active ? 'bg-indigo-700 text-white ring-indigo-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
            )}
          >
            {chip.label}
          </button>
        );
      })}
    </div>
  );
}
