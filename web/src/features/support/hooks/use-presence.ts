import { create } from 'zustand';

import type { Presence } from '@/lib/api/models';

// The agent's presence in this tab: "online" when the page opens (the
// socket announces it on every connection), then what the agent picks.
type State = { status: Presence; setStatus: (status: Presence) => void };

export const usePresence = create<State>()((set) => ({
  status: 'online',
  setStatus: (status) => set({ status }),
}));
