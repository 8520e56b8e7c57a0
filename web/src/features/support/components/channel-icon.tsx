import { cn } from '@/lib/cn';

import { channelKindLabel } from './labels';

// One small glyph per channel kind, with its name for screen readers.
const PATHS: Record<string, string> = {
  whatsapp: 'M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3zm-3 5c.3 0 .6 0 .8.6l.7 1.6c.1.3 0 .5-.2.7l-.5.6c.6 1.2 1.6 2.2 2.8 2.8l.6-.5c.2-.2.5-.3.7-.2l1.6.7c.5.2.6.5.6.8 0 1.2-1 2-2.1 2C10 17.1 6.9 14 6.9 10.1 6.9 9 7.8 8 9 8z',
  twilio_whatsapp:
    'M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3zm-3 5c.3 0 .6 0 .8.6l.7 1.6c.1.3 0 .5-.2.7l-.5.6c.6 1.2 1.6 2.2 2.8 2.8l.6-.5c.2-.2.5-.3.7-.2l1.6.7c.5.2.6.5.6.8 0 1.2-1 2-2.1 2C10 17.1 6.9 14 6.9 10.1 6.9 9 7.8 8 9 8z',
  email: 'M3 6h18v12H3V6zm0 0 9 7 9-7',
  webchat: 'M4 5h16v10H9l-5 4V5zm4 5h.01M12 10h.01M16 10h.01',
  twilio_sms: 'M7 3h10v18H7V3zm4 15h2',
};

const TONES: Record<string, string> = {
  whatsapp: 'text-emerald-600',
  twilio_whatsapp: 'text-emerald-600',
  email: 'text-sky-700',
  webchat: 'text-indigo-600',
  twilio_sms: 'text-slate-600',
};

export function ChannelIcon({ kind, className }: { kind: string; className?: string }) {
  return (
    <span className={cn('inline-flex shrink-0', TONES[kind] ?? 'text-slate-500', className)} title={channelKindLabel(kind)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4">
        <path strokeLinecap="round" strokeLinejoin="round" d={PATHS[kind] ?? PATHS.webchat} />
      </svg>
      <span className="sr-only">{channelKindLabel(kind)}</span>
    </span>
  );
}
