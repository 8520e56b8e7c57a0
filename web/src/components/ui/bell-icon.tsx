import { cn } from '@/lib/cn';

const BELL = 'M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8m4.3 13a2 2 0 0 0 3.4 0';
const BELL_OFF = 'M6 8a6 6 0 0 1 9.3-5M18 8c0 7 3 8 3 8H9m-6 0s3-1 3-8m4.3 13a2 2 0 0 0 3.4 0M3 3l18 18';

/** The notifications bell (struck through when `off`): the header's bell and the desktop-alerts switch. */
export function BellIcon({ off = false, className }: { off?: boolean; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className={cn('inline-block shrink-0', className)}>
      <path strokeLinecap="round" strokeLinejoin="round" d={off ? BELL_OFF : BELL} />
    </svg>
  );
}
