import { cn } from '@/lib/cn';

import { useUserAvatar } from '../api/user-avatar';
import { avatarColor, initials } from '../utils/initials';

export type AvatarUser = { id: string; name: string; avatar_id?: string | null };

const SIZES = {
  sm: 'size-8 text-xs',
  md: 'size-10 text-sm',
  lg: 'size-24 text-2xl',
} as const;

type AvatarProps = {
  user: AvatarUser;
  size?: keyof typeof SIZES;
  className?: string;
};

/**
 * A person's photo, or their initials on a coloured circle when they have
 * none (or while it loads, or when it cannot be loaded). Named by the
 * person's name either way.
 */
export function Avatar({ user, size = 'md', className }: AvatarProps) {
  const photo = useUserAvatar(user);
  const shape = cn('inline-flex shrink-0 overflow-hidden rounded-full', SIZES[size], className);

  if (user.avatar_id && photo.data) {
    return <img src={photo.data} alt={user.name} className={cn(shape, 'bg-slate-100 object-cover')} />;
  }
  return (
    <span
      role="img"
      aria-label={user.name}
      className={cn(shape, 'items-center justify-center font-semibold text-white select-none', avatarColor(user.id))}
    >
      <span aria-hidden="true">{initials(user.name)}</span>
    </span>
  );
}
