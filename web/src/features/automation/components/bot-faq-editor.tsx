import { useFieldArray, type UseFormReturn } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { FieldGroup, TextAreaField, TextField } from '@/components/ui/fields';
import { ListItemActions } from '@/components/ui/list-item-actions';

import { BOT_LIMITS, type BotFormValues } from '../utils/bot-settings';

/** The company's questions and its own answers: the only facts the bot states. */
export function BotFaqEditor({ form }: { form: UseFormReturn<BotFormValues> }) {
  const list = useFieldArray({ control: form.control, name: 'faq' });
  const errors = form.formState.errors.faq;

  return (
    <FieldGroup
      legend="Dúvidas frequentes"
      hint="O bot responde só com o texto que você escreveu, quando a pergunta do cliente se parece com uma destas."
      error={errors?.root?.message ?? errors?.message}
    >
      {list.fields.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma pergunta ainda.</p>
      ) : (
        <ol aria-label="Perguntas e respostas" className="space-y-2">
          {list.fields.map((field, index) => (
            <li key={field.id} aria-label={`Dúvida ${index + 1}`} className="space-y-2 rounded-lg border border-slate-200 p-3">
              <div className="flex items-start gap-2">
                <TextField
                  label={
                    <>
                      Pergunta<span className="sr-only"> {index + 1}</span>
                    </>
                  }
                  maxLength={BOT_LIMITS.question}
                  wrapperClassName="flex-1"
                  error={errors?.[index]?.question?.message}
                  {...form.register(`faq.${index}.question`)}
                />
                <div className="mt-6">
                  <ListItemActions index={index} count={list.fields.length} noun="a pergunta" onRemove={() => list.remove(index)} />
                </div>
              </div>
              <TextAreaField
                label={
                  <>
                    Resposta<span className="sr-only"> da pergunta {index + 1}</span>
                  </>
                }
                rows={2}
                maxLength={BOT_LIMITS.answer}
                error={errors?.[index]?.answer?.message}
                {...form.register(`faq.${index}.answer`)}
              />
            </li>
          ))}
        </ol>
      )}
      <Button size="sm" variant="secondary" disabled={list.fields.length >= BOT_LIMITS.faq} onClick={() => list.append({ question: '', answer: '' })}>
        Adicionar pergunta
      </Button>
    </FieldGroup>
  );
}
