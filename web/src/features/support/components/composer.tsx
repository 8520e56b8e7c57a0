import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/fields';
import type { ReplyRequest, Ticket } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { useMe } from '@/lib/auth';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { createIdempotencyKeys } from '@/lib/idempotency';
import { isApiError, problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { renderedCannedQueryOptions, useCannedResponses } from '../api/canned';
import { usePostMessage } from '../api/messages';
import { clearDraft, readDraft, saveDraft } from '../utils/drafts';
import { fromLocalInput, inHours, nextMondayAt, toLocalInput, tomorrowAt } from '../utils/time';
import { findTrigger, fold, replaceTrigger, resolveMentions, type MentionPick, type Trigger } from '../utils/triggers';

import { CannedPreview } from './canned-preview';
import { ComposerSuggestions, type Suggestion } from './composer-suggestions';
import { DraftReplyButton } from './draft-reply';
import { ReplySuggestionsButton } from './reply-suggestions';

export type ComposerHandle = { focus: () => void; toggleNote: () => void };

type Props = {
  ticket: Ticket;
  /** Throttled by the caller: tells the others (and a web-chat visitor) that the agent is typing. */
  onTyping?: () => void;
  onSent?: () => void;
  ref?: Ref<ComposerHandle>;
};

/** The template fields, shown when WhatsApp refuses free text (24-hour window) or the agent picks one. */
type TemplateState = { reason: string | null; name: string; language: string; params: string };

const EMPTY_TEMPLATE: TemplateState = { reason: null, name: '', language: 'pt_BR', params: '' };

/** The e-mail signature under a reply, after the usual "-- " line (which mail programs recognise). */
export function withSignature(text: string, signature: string): string {
  return `${text}\n\n-- \n${signature}`;
}

function templateError(error: unknown): string | null {
  if (!isApiError(error)) return null;
  return error.fieldErrors.find((field) => field.field === 'template')?.message ?? null;
}

/**
 * Reply to the customer or write an internal note. "/" opens the canned
 * responses (filled with this ticket's data by the server, the one in focus
 * previewed under the list), "@" in a note
 * mentions a colleague, "Enviar depois" schedules, Ctrl+Enter sends. Each
 * submission carries one Idempotency-Key, reused if the same text is sent
 * again after an error.
 */
export function Composer({ ticket, onTyping, onSent, ref }: Props) {
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => readDraft(ticket.id).text);
  const [note, setNote] = useState(() => readDraft(ticket.id).note);
  const [caret, setCaret] = useState(0);
  const [suggestionsClosed, setSuggestionsClosed] = useState(false);
  const [active, setActive] = useState(0);
  const [mentions, setMentions] = useState<MentionPick[]>([]);
  const [scheduling, setScheduling] = useState(false);
  const [sendAt, setSendAt] = useState('');
  const [template, setTemplate] = useState<TemplateState | null>(null);
  const [inserting, setInserting] = useState(false);
  const [insertError, setInsertError] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [keyFor] = useState(createIdempotencyKeys);
  // Counts the messages sent, so the AI draft's notes start over with the next reply.
  const [sent, setSent] = useState(0);
  const post = usePostMessage();
  const queryClient = useQueryClient();

  const closed = ticket.status === 'closed' || ticket.merged_into != null;
  const whatsapp = ticket.channel_kind === 'whatsapp';
  // The agent's e-mail signature (Meu perfil), offered under replies by e-mail only.
  const signature = (useMe().signature ?? '').trimEnd();
  const offerSignature = ticket.channel_kind === 'email' && signature.trim() !== '';
  const [includeSignature, setIncludeSignature] = useState(true);
  const signing = !note && offerSignature && includeSignature;

  // What the agent is typing at the caret: a canned shortcut, or a mention in a note.
  const cannedTrigger = suggestionsClosed ? null : findTrigger(text, caret, '/');
  const mentionTrigger = suggestionsClosed || !note ? null : findTrigger(text, caret, '@');
  const trigger: Trigger | null = cannedTrigger ?? mentionTrigger;

  const cannedQuery = useDebouncedValue(cannedTrigger?.query ?? '', 150);
  const canned = useCannedResponses(cannedQuery, cannedTrigger !== null);
  const users = useAllUsers();

  const suggestions: Suggestion[] = useMemo(() => {
    if (cannedTrigger) {
      return (canned.data ?? []).slice(0, 12).map((item) => ({ id: item.id, primary: `/${item.shortcut} · ${item.title}`, secondary: item.body }));
    }
    if (mentionTrigger) {
      const query = fold(mentionTrigger.query);
      return (users.data ?? [])
        .filter((user) => user.active && fold(user.name).includes(query))
        .slice(0, 8)
        .map((user) => ({ id: user.id, primary: user.name, secondary: user.email }));
    }
    return [];
  }, [cannedTrigger, mentionTrigger, canned.data, users.data]);

  // The canned response in focus, filled by the server, shown before it is inserted (arrowing through waits a moment).
  const focusedCanned = cannedTrigger ? (suggestions[Math.min(active, Math.max(suggestions.length - 1, 0))]?.id ?? null) : null;
  const previewId = useDebouncedValue(focusedCanned, 150);
  const preview = useQuery({ ...renderedCannedQueryOptions(ticket.id, previewId ?? ''), enabled: previewId !== null });

  const update = (value: string, nextCaret: number) => {
    setText(value);
    setCaret(nextCaret);
    setSuggestionsClosed(false);
    setActive(0);
    setLocalError(null);
    saveDraft(ticket.id, { text: value, note });
    if (!note && value.trim()) onTyping?.();
  };

  const placeCaret = (position: number) => {
    requestAnimationFrame(() => {
      const element = textareaRef.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(position, position);
    });
  };

  const setMode = (value: boolean) => {
    setNote(value);
    saveDraft(ticket.id, { text, note: value });
    if (value) {
      setScheduling(false);
      setSendAt('');
    }
  };

  useImperativeHandle(ref, () => ({
    focus: () => textareaRef.current?.focus(),
    toggleNote: () => {
      setMode(!note);
      textareaRef.current?.focus();
    },
  }));

  /** A suggested reply or an AI draft: after what the agent already wrote, to edit before sending. */
  const insertSuggested = (suggested: string) => {
    const next = text.trim() ? `${text.trimEnd()}\n${suggested}` : suggested;
    update(next, next.length);
    placeCaret(next.length);
  };

  const choose = async (index: number) => {
    const item = suggestions[index];
    if (!item || !trigger) return;
    if (trigger.char === '@') {
      const next = replaceTrigger(text, trigger, `@${item.primary} `);
      setMentions((current) => (current.some((person) => person.id === item.id) ? current : [...current, { id: item.id, name: item.primary }]));
      update(next.text, next.caret);
      placeCaret(next.caret);
      return;
    }
    setInserting(true);
    setInsertError(null);
    try {
      const rendered = await queryClient.fetchQuery(renderedCannedQueryOptions(ticket.id, item.id));
      const next = replaceTrigger(text, trigger, rendered.text);
      update(next.text, next.caret);
      setSuggestionsClosed(true);
      placeCaret(next.caret);
    } catch (error) {
      setInsertError(problemMessage(error));
    } finally {
      setInserting(false);
    }
  };

  const submit = () => {
    if (post.isPending || closed) return;
    const trimmed = text.trim();
    const chosenTemplate = !note && template !== null && template.name.trim() !== '' ? template : null;
    const usingTemplate = chosenTemplate !== null;
    if (!trimmed && !usingTemplate) {
      setLocalError(note ? 'Escreva a nota.' : 'Escreva a mensagem.');
      return;
    }
    if (!note && template !== null && !usingTemplate) {
      setLocalError('Informe o nome do modelo aprovado.');
      return;
    }
    let scheduledFor: string | null = null;
    if (!note && scheduling && sendAt) {
      scheduledFor = fromLocalInput(sendAt);
      if (!scheduledFor) {
        setLocalError('Escolha a data e a hora do envio.');
        return;
      }
    }
    const input: ReplyRequest = note
      ? { text: trimmed, note: true, mentions: resolveMentions(trimmed, mentions) }
      : {
          text: signing ? withSignature(trimmed, signature) : trimmed,
          send_at: scheduledFor,
          template: chosenTemplate
            ? {
                name: chosenTemplate.name.trim(),
                language: chosenTemplate.language.trim() || 'pt_BR',
                params: chosenTemplate.params
                  .split('\n')
                  .map((param) => param.trim())
                  .filter(Boolean),
              }
            : null,
        };
    post.mutate(
      { ticketId: ticket.id, input, idempotencyKey: keyFor({ ticketId: ticket.id, input }) },
      {
        onSuccess: () => {
          setText('');
          setCaret(0);
          setMentions([]);
          setScheduling(false);
          setSendAt('');
          setTemplate(null);
          clearDraft(ticket.id);
          setSent((count) => count + 1);
          onSent?.();
        },
        onError: (error) => {
          const reason = templateError(error);
          if (reason && !note) setTemplate((current) => ({ ...(current ?? EMPTY_TEMPLATE), reason }));
        },
      },
    );
  };

  const listId = `${id}-suggestions`;
  const open = trigger !== null && (trigger.char === '@' || cannedTrigger !== null);
  const failure = post.error && !templateError(post.error) ? problemMessage(post.error) : null;
  const fieldProblems = isApiError(post.error) ? post.error.fieldErrors.filter((field) => field.field !== 'template') : [];

  if (closed) {
    return (
      <div className="border-t border-slate-200 bg-white p-4 text-sm text-slate-600">
        {ticket.merged_into ? 'Este ticket foi mesclado em outro: continue a conversa por lá.' : 'Ticket fechado: abra um novo para falar com o cliente.'}
      </div>
    );
  }

  return (
    <form
      aria-label={note ? 'Nota interna' : 'Responder ao cliente'}
      className={cn('space-y-2 border-t p-3', note ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label="Tipo" className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm">
          {[
            { value: false, label: 'Responder' },
            { value: true, label: 'Nota interna' },
          ].map((option) => (
            <button
              key={option.label}
              type="button"
              role="radio"
              aria-checked={note === option.value}
              onClick={() => setMode(option.value)}
              className={cn(
                'rounded px-3 py-1 font-medium',
                note === option.value ? (option.value ? 'bg-amber-200 text-amber-950 shadow-xs' : 'bg-white text-slate-900 shadow-xs') : 'text-slate-600',
              )}
            >
              {option.label}
            </button>
          ))}
        </div>
        {!note && (
          <div className="flex max-w-md flex-wrap items-center justify-end gap-1">
            <ReplySuggestionsButton ticketId={ticket.id} onUse={insertSuggested} />
            <DraftReplyButton key={sent} ticketId={ticket.id} onUse={insertSuggested} />
          </div>
        )}
        <p className="hidden text-xs text-slate-500 sm:block">
          <kbd className="rounded bg-slate-100 px-1">/</kbd> respostas prontas
          {note && (
            <>
              {' '}
              · <kbd className="rounded bg-slate-100 px-1">@</kbd> mencionar
            </>
          )}{' '}
          · <kbd className="rounded bg-slate-100 px-1">Ctrl</kbd>+<kbd className="rounded bg-slate-100 px-1">Enter</kbd> envia
        </p>
      </div>

      <div className="relative">
        {open && (
          <ComposerSuggestions
            id={listId}
            label={trigger?.char === '@' ? 'Pessoas' : 'Respostas prontas'}
            items={suggestions}
            active={Math.min(active, Math.max(suggestions.length - 1, 0))}
            loading={trigger?.char === '@' ? users.isPending : canned.isFetching}
            emptyText={trigger?.char === '@' ? 'Ninguém com esse nome.' : 'Nenhuma resposta pronta com esse atalho.'}
            onChoose={(index) => void choose(index)}
            onHover={setActive}
            footer={cannedTrigger && previewId !== null && previewId === focusedCanned ? <CannedPreview rendered={preview} /> : null}
          />
        )}
        <label htmlFor={`${id}-text`} className="sr-only">
          {note ? 'Nota interna (só a equipe vê)' : 'Mensagem para o cliente'}
        </label>
        <textarea
          ref={textareaRef}
          id={`${id}-text`}
          rows={2}
          value={text}
          maxLength={10_000}
          placeholder={note ? 'Nota interna: só a equipe vê. Use @ para mencionar.' : 'Escreva sua resposta… (/ para respostas prontas)'}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-expanded={open}
          aria-activedescendant={open && suggestions[active] ? `${listId}-${active}` : undefined}
          className={cn(
            'block max-h-64 min-h-14 w-full resize-y rounded-md border px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400',
            note ? 'border-amber-300 bg-white' : 'border-slate-300 bg-white',
          )}
          onChange={(event) => update(event.target.value, event.target.selectionStart)}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={() => setSuggestionsClosed(true)}
          onFocus={() => setSuggestionsClosed(false)}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
              event.preventDefault();
              submit();
              return;
            }
            if (!open) return;
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((index) => Math.min(index + 1, Math.max(suggestions.length - 1, 0)));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((index) => Math.max(index - 1, 0));
            } else if ((event.key === 'Enter' || event.key === 'Tab') && suggestions.length > 0) {
              event.preventDefault();
              void choose(Math.min(active, suggestions.length - 1));
            } else if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setSuggestionsClosed(true);
            }
          }}
        />
        {!note && offerSignature && (
          <div className="mt-1 space-y-1">
            <label className="inline-flex items-center gap-2 text-xs text-slate-700">
              <input
                type="checkbox"
                className="size-4"
                checked={includeSignature}
                onChange={(event) => setIncludeSignature(event.target.checked)}
              />
              Incluir assinatura
            </label>
            {includeSignature && (
              <div
                role="note"
                aria-label="Assinatura"
                className="max-h-24 overflow-y-auto border-l-2 border-slate-200 pl-3 text-xs whitespace-pre-wrap text-slate-500"
              >
                {`-- \n${signature}`}
              </div>
            )}
          </div>
        )}
        {inserting && <p className="mt-1 text-xs text-slate-500">Inserindo a resposta pronta…</p>}
        {insertError && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {insertError}
          </p>
        )}
      </div>

      {!note && template !== null && (
        <fieldset className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-3">
          <legend className="px-1 text-sm font-semibold text-emerald-950">Modelo do WhatsApp</legend>
          {template.reason && (
            <Alert tone="warning" title="O WhatsApp pede um modelo aprovado">
              {template.reason}
            </Alert>
          )}
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label="Nome do modelo"
              required
              wrapperClassName="sm:col-span-2"
              placeholder="ex.: retomar_atendimento"
              value={template.name}
              onChange={(event) => setTemplate({ ...template, name: event.target.value })}
            />
            <TextField
              label="Idioma"
              placeholder="pt_BR"
              value={template.language}
              onChange={(event) => setTemplate({ ...template, language: event.target.value })}
            />
          </div>
          <TextAreaField
            label="Parâmetros"
            rows={2}
            hint="Um por linha, na ordem das variáveis do modelo ({{1}}, {{2}}…)."
            value={template.params}
            onChange={(event) => setTemplate({ ...template, params: event.target.value })}
          />
          <div className="flex justify-end">
            <Button variant="ghost" size="sm" onClick={() => setTemplate(null)}>
              Não usar modelo
            </Button>
          </div>
        </fieldset>
      )}

      {!note && scheduling && (
        <div className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <TextField
            label="Enviar em"
            type="datetime-local"
            value={sendAt}
            min={toLocalInput(new Date())}
            onChange={(event) => setSendAt(event.target.value)}
          />
          <div className="flex flex-wrap gap-1">
            {[
              { label: 'Em 1 hora', at: () => inHours(1) },
              { label: 'Amanhã 9h', at: () => tomorrowAt(9) },
              { label: 'Segunda 9h', at: () => nextMondayAt(9) },
            ].map((choice) => (
              <Button key={choice.label} size="sm" variant="secondary" onClick={() => setSendAt(toLocalInput(choice.at()))}>
                {choice.label}
              </Button>
            ))}
          </div>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setScheduling(false);
              setSendAt('');
            }}
          >
            Enviar agora
          </Button>
          {sendAt && fromLocalInput(sendAt) && (
            <p className="w-full text-xs text-slate-600">A mensagem será enviada em {formatDateTime(fromLocalInput(sendAt) ?? '')}.</p>
          )}
        </div>
      )}

      <div aria-live="assertive">
        {(localError || failure || fieldProblems.length > 0) && (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
            {localError ?? failure}
            {fieldProblems.length > 0 && !localError && (
              <ul className="list-disc pl-5">
                {fieldProblems.map((problem) => (
                  <li key={problem.field + problem.message}>{problem.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <div className="flex flex-wrap items-center justify-end gap-2">
        {!note && whatsapp && template === null && (
          <Button size="sm" variant="ghost" onClick={() => setTemplate(EMPTY_TEMPLATE)}>
            Usar modelo
          </Button>
        )}
        {!note && !scheduling && (
          <Button size="sm" variant="ghost" onClick={() => setScheduling(true)}>
            Enviar depois
          </Button>
        )}
        <Button type="submit" size="sm" isLoading={post.isPending} className={note ? 'bg-amber-600 hover:bg-amber-700' : undefined}>
          {note ? 'Salvar nota' : scheduling && sendAt ? 'Agendar envio' : 'Enviar'}
        </Button>
      </div>
    </form>
  );
}
