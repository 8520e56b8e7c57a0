import type { Flow, FlowRun } from '@/lib/api/models';

// Builders for the automation feature's tests.

/** A live button flow (`FlowRunRequested`) that tags the ticket "vip". */
export function makeFlow(overrides: Partial<Flow> = {}): Flow {
  return {
    id: 'f1',
    name: 'Marcar VIP',
    trigger_kind: 'FlowRunRequested',
    conditions: { all: [] },
    actions: [{ type: 'add_tags', tags: ['vip'] }],
    status: 'active',
    version: 1,
    webhook_secret: 's',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** A run of flow `f1`'s version 1, started by a person (depth 0), that succeeded. */
export function makeRun(overrides: Partial<FlowRun> = {}): FlowRun {
  return {
    id: 'r1',
    flow_id: 'f1',
    flow_version: 1,
    event_id: 'e1',
    event_kind: 'FlowRunRequested',
    record_id: 't1',
    depth: 0,
    started_at: '2026-03-02T12:00:00Z',
    status: 'succeeded',
    steps: [],
    ...overrides,
  };
}
