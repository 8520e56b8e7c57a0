import type { AutomationTriggerField } from '@/lib/api/models';

import type { ActionDraft } from '../utils/draft';

/** The props of one action's inputs. */
export type FieldsProps<A extends ActionDraft> = {
  action: A;
  onChange: (action: A) => void;
  /** This action's errors, keyed by its field (`text`, `template.name`). */
  errors: Record<string, string | undefined>;
  fields: AutomationTriggerField[];
};

/** …of the action of type `T`. */
export type PropsOf<T extends ActionDraft['type']> = FieldsProps<Extract<ActionDraft, { type: T }>>;
