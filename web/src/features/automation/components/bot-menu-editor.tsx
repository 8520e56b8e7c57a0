import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { FieldGroup, SelectField, TextField } from '@/components/ui/fields';
import { ListItemActions } from '@/components/ui/list-item-actions';

import { BOT_ACTIONS, BOT_LIMITS, nextMenuAction, type BotFormValues } from '../utils/bot-settings';

import { BOT_ACTION_LABELS } from './labels';

/** The bot's numbered menu: each option's text and what it does, in the order the customer reads them. */
export function BotMenuEditor({ form }: { form: UseFormReturn<BotFormValues> }) {
  const list = useFieldArray({ control: form.control, name: 'menu' });
  const menu = useWatch({ control: form.control, name: 'menu' });
  const errors = form.formState.errors.menu;
  const next = nextMenuAction(menu ?? []);
  const full = list.fields.length >= BOT_LIMITS.menu || next === null;

  return (
    <FieldGroup
      legend="Menu"
      hint="O cliente responde com o número da opção ou escreve o que quer. Cada ação aparece uma vez; “Falar com um atendente” é obrigatória."
      error={errors?.root?.message ?? errors?.message}
    >
      <ol aria-label="Opções do menu" className="space-y-2">
        {list.fields.map((field, index) => (
          <li key={field.id} aria-label={`Opção ${index + 1}`} className="space-y-2 rounded-lg border border-slate-200 p-3">
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm font-semibold text-slate-900">Opção {index + 1}</p>
              <ListItemActions index={index} count={list.fields.length} noun="a opção" min={1} onMove={list.move} onRemove={() => list.remove(index)} />
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label={
                  <>
                    Texto<span className="sr-only"> da opção {index + 1}</span>
                  </>
                }
                maxLength={BOT_LIMITS.label}
                error={errors?.[index]?.label?.message}
                {...form.register(`menu.${index}.label`)}
              />
              <SelectField
                label={
                  <>
                    Ação<span className="sr-only"> da opção {index + 1}</span>
                  </>
                }
                error={errors?.[index]?.action?.message}
                {...form.register(`menu.${index}.action`)}
              >
                {BOT_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {BOT_ACTION_LABELS[action]}
                  </option>
                ))}
              </SelectField>
            </div>
          </li>
        ))}
      </ol>
      <Button size="sm" variant="secondary" disabled={full} onClick={() => next && list.append({ label: BOT_ACTION_LABELS[next], action: next })}>
        Adicionar opção
      </Button>
    </FieldGroup>
  );
}
