export function Logo({ inverted = false }: { inverted?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
        <rect width="32" height="32" rx="8" fill="#4338ca" />
        <path d="M21 11.5a7 7 0 1 0 0 9" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
        <circle cx="22" cy="16" r="2.2" fill="#34d399" />
      </svg>
      <span className={inverted ? 'text-lg font-bold text-white' : 'text-lg font-bold text-slate-900'}>
        ConectCRM
      </span>
    </span>
  );
}
