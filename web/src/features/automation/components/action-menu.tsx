import { Button } from '@/components/ui/button';
import type { AutomationTrigger } from '@/lib/api/models';

import { type ActionDraft, hasSubject, missingSubject, type Subject, SUBJECT_NAMES } from '../utils/draft';

import { ACTION_LABELS } from './labels';

const TYPES = Object.keys(ACTION_LABELS) as ActionDraft['type'][];
const SUBJECTS = Object.keys(SUBJECT_NAMES) as Subject[];

/** "a um ticket, a uma fatura nem a uma oportunidade" */
function joined(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} nem ${names[names.length - 1]}` : names[0];
}

/** The "+ action" buttons: only the actions the trigger's events allow (all of them until one is chosen). */
export function ActionMenu({ trigger, onAdd }: { trigger: AutomationTrigger | undefined; onAdd: (type: ActionDraft['type']) => void }) {
  const offered = trigger ? TYPES.filter((type) => !missingSubject(type, trigger)) : TYPES;
  const lacking = trigger ? SUBJECTS.filter((s) => !hasSubject(trigger, s)) : [];
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {offered.map((type) => (
          <Button key={type} variant="secondary" size="sm" onClick={() => onAdd(type)}>
            + {ACTION_LABELS[type]}
          </Button>
        ))}
      </div>
      {lacking.length > 0 && (
        <p className="text-xs text-slate-500">
          Este evento não se refere {joined(lacking.map((s) => SUBJECT_NAMES[s]))}: as ações que dependem disso não aparecem.
        </p>
      )}
    </div>
  );
}
