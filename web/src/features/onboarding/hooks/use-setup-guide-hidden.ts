import { useCallback, useState } from 'react';

import { hideSetupGuide, isSetupGuideHidden } from '../utils/guide-visibility';

/** Whether this user hid the setup guide in this company, and the action that hides it. */
export function useSetupGuideHidden(tenantId: string, userId: string): [boolean, () => void] {
  const key = `${tenantId}.${userId}`;
  const [hidden, setHidden] = useState<{ key: string; value: boolean }>(() => ({ key, value: isSetupGuideHidden(tenantId, userId) }));
  // Another user or company on the same page (a new sign-in): read its own flag.
  const current = hidden.key === key ? hidden.value : isSetupGuideHidden(tenantId, userId);
  const hide = useCallback(() => {
    hideSetupGuide(tenantId, userId);
    setHidden({ key, value: true });
  }, [key, tenantId, userId]);
  return [current, hide];
}
