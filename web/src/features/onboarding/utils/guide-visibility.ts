// "Ocultar guia" is remembered in this browser per company and per user:
// another person of the company, or the same person in another company,
// still sees the guide.

export const setupGuideKey = (tenantId: string, userId: string) => `conectcrm.setup-guide.hidden.${tenantId}.${userId}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled: the guide is hidden for this page only
  }
}

export function isSetupGuideHidden(tenantId: string, userId: string): boolean {
  return storage()?.getItem(setupGuideKey(tenantId, userId)) === '1';
}

export function hideSetupGuide(tenantId: string, userId: string): void {
  try {
    storage()?.setItem(setupGuideKey(tenantId, userId), '1');
  } catch {
    // Full or refused storage: hidden until the next reload.
  }
}
