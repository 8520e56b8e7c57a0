import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { DesktopToggle } from '@/components/desktop-toggle';
import { useUrlSearch } from '@/components/list/use-url-filters';
import { paths } from '@/config/paths';
import type { TicketFilter, TicketView, ViewCounts } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canConfigureSupport } from '@/lib/authorization';
import { cn } from '@/lib/cn';

import { useChannels } from '../api/channels';
import { useTicketCounts, useTickets } from '../api/get-tickets';
import { defaultView, hasNarrowingFilters, readInboxFilters, withInboxFilter } from '../utils/inbox-filters';
import { shortcutOf } from '../utils/keyboard';
import { flattenTickets, neighbourTicket } from '../utils/ticket-list';

import { InboxEmptyState } from './inbox-empty-state';
import { INTENT_LABELS, INTENTS, SENTIMENT_FILTERS, STATUS_FILTERS, VIEWS } from './labels';
import { ShortcutsDialog } from './shortcuts-dialog';
import type { RenderTicketExtras } from './ticket-extras-slot';
import { TicketList } from './ticket-list';
import { TicketWorkspace, type WorkspaceHandle } from './ticket-workspace';

const filterClass = 'h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800';

function ViewTabs({ view, counts, onChange }: { view: TicketView; counts?: ViewCounts; onChange: (view: TicketView) => void }) {
  return (
    <div role="group" aria-label="Visão" className="grid grid-cols-2 gap-1 sm:grid-cols-4 lg:grid-cols-2">
      {VIEWS.map((item) => {
        const count = counts?.[item.value];
        const active = item.value === view;
        return (
          <button
            key={item.value}
            type="button"
            aria-pressed={active}
            onClick={() => onChange(item.value)}
            className={cn(
              'flex min-w-0 items-center justify-between gap-2 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset',
              active ? 'bg-indigo-700 text-white ring-indigo-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
            )}
          >
            <span className="truncate">{item.label}</span>
            <span className={cn('text-sm font-semibold', active ? 'text-white' : 'text-slate-900')} aria-label={count === undefined ? undefined : `${count} em aberto`}>
              {count ?? '–'}
            </span>
          </button>
        );
      })}
    </div>
  );
}

/**
 * The omnichannel inbox: tickets (views with counts, filters, search) |
 * the open ticket | its customer. On phones one pane at a time. Everything
 * updates live from the server's events; j/k/r/n/e/? drive it from the keyboard.
 */
export function Inbox({ ticketId, renderTicketExtras }: { ticketId?: string; renderTicketExtras?: RenderTicketExtras }) {
  const { user } = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const urlFilters = readInboxFilters(params, defaultView(canConfigureSupport(user.role)));
  // The search box's text reaches the URL once typing pauses, and follows it when a link (the global search) changes it.
  const { input: searchText, setInput: setSearchText, query: q } = useUrlSearch('q', { delay: 300 });
  const [showFilters, setShowFilters] = useState(() => hasNarrowingFilters({ ...urlFilters, q: undefined }));
  const [help, setHelp] = useState(false);
  const workspace = useRef<WorkspaceHandle>(null);
  const channels = useChannels();
  const counts = useTicketCounts();

  const { view, status, channel_id, tag, sla, intent, sentiment } = urlFilters;
  const filters: TicketFilter & { view: TicketView } = useMemo(
    () => ({ view, status, channel_id, tag, sla, intent, sentiment, q: q || undefined }),
    [view, status, channel_id, tag, sla, intent, sentiment, q],
  );
  const list = useTickets(filters);
  const tickets = useMemo(() => flattenTickets(list.data), [list.data]);
  const search = params.toString();

  const setFilter = (name: keyof TicketFilter, value: string | undefined) => setParams((current) => withInboxFilter(current, name, value), { replace: true });

  useEffect(() => {
    document.title = 'Atendimento · ConectCRM';
  }, []);

  // Keyboard: j/k next/previous ticket, r reply, n note, e resolve, ? help.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      if (!action) return;
      event.preventDefault();
      if (action === 'help') setHelp(true);
      else if (action === 'next' || action === 'previous') {
        const next = neighbourTicket(tickets, ticketId, action === 'next' ? 1 : -1);
        if (next) navigate(paths.app.support.ticket.getHref(next, search));
        else if (action === 'next' && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
      } else if (action === 'reply') workspace.current?.focusReply();
      else if (action === 'note') workspace.current?.toggleNote();
      else if (action === 'resolve') workspace.current?.resolve();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tickets, ticketId, navigate, search, list]);

  const backHref = paths.app.support.root.getHref(search);
  const narrowed = hasNarrowingFilters(filters);

  return (
    <div className="flex h-[calc(100dvh-4rem)] flex-col bg-white">
      <div className={cn('flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2', ticketId ? 'hidden lg:flex' : 'flex')}>
        <div className="flex items-baseline gap-3">
          <h1 className="text-lg font-semibold text-slate-900">Atendimento</h1>
          {counts.data && counts.data.unread > 0 && (
            <p className="text-sm font-medium text-indigo-700">
              {counts.data.unread === 1 ? '1 ticket com mensagens não lidas' : `${counts.data.unread} tickets com mensagens não lidas`}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <DesktopToggle />
          <button
            type="button"
            onClick={() => setHelp(true)}
            className="inline-flex h-8 items-center rounded-md px-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            aria-label="Atalhos de teclado"
            title="Atalhos de teclado (?)"
          >
            ?
          </button>
          {canConfigureSupport(user.role) && (
            <Link
              to={paths.app.support.settings.root.getHref()}
              className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            >
              Configurações
            </Link>
          )}
        </div>
      </div>

      <div className="flex min-h-0 flex-1">
        <section
          aria-label="Lista de tickets"
          className={cn('flex w-full min-w-0 flex-col border-r border-slate-200 lg:w-80 lg:shrink-0 2xl:w-96', ticketId && 'hidden lg:flex')}
        >
          <div className="space-y-2 border-b border-slate-200 p-3">
            <ViewTabs view={filters.view} counts={counts.data} onChange={(next) => setFilter('view', next)} />
            <div className="flex gap-2">
              <label className="sr-only" htmlFor="inbox-search">
                Buscar tickets
              </label>
              <input
                id="inbox-search"
                type="search"
                placeholder="Buscar: assunto, cliente ou nº"
                value={searchText}
                onChange={(event) => setSearchText(event.target.value)}
                className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm"
              />
              <button
                type="button"
                aria-expanded={showFilters}
                aria-controls="inbox-filters"
                onClick={() => setShowFilters((open) => !open)}
                className={cn(
                  'h-8 shrink-0 rounded-md px-2 text-sm font-medium ring-1 ring-inset',
                  narrowed && !filters.q ? 'bg-indigo-50 text-indigo-900 ring-indigo-300' : 'text-slate-700 ring-slate-300 hover:bg-slate-50',
                )}
              >
                Filtros
              </button>
            </div>
            <div id="inbox-filters" hidden={!showFilters} className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor="inbox-status" className="text-xs font-medium text-slate-600">
                  Situação
                </label>
                <select id="inbox-status" className={filterClass} value={filters.status ?? 'open'} onChange={(event) => setFilter('status', event.target.value === 'open' ? undefined : event.target.value)}>
                  {STATUS_FILTERS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="inbox-channel" className="text-xs font-medium text-slate-600">
                  Canal
                </label>
                <select id="inbox-channel" className={filterClass} value={filters.channel_id ?? ''} onChange={(event) => setFilter('channel_id', event.target.value)}>
                  <option value="">Todos os canais</option>
                  {(channels.data ?? []).map((channel) => (
                    <option key={channel.id} value={channel.id}>
                      {channel.name}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="inbox-sla" className="text-xs font-medium text-slate-600">
                  SLA
                </label>
                <select id="inbox-sla" className={filterClass} value={filters.sla ?? ''} onChange={(event) => setFilter('sla', event.target.value)}>
                  <option value="">Qualquer</option>
                  <option value="warning">Em alerta</option>
                  <option value="breached">Estourado</option>
                </select>
              </div>
              <div>
                <label htmlFor="inbox-tag" className="text-xs font-medium text-slate-600">
                  Etiqueta
                </label>
                <input
                  id="inbox-tag"
                  key={filters.tag ?? ''}
                  defaultValue={filters.tag ?? ''}
                  placeholder="ex.: boleto"
                  className={filterClass}
                  onBlur={(event) => setFilter('tag', event.target.value.trim().toLowerCase() || undefined)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') setFilter('tag', event.currentTarget.value.trim().toLowerCase() || undefined);
                  }}
                />
              </div>
              <div>
                <label htmlFor="inbox-intent" className="text-xs font-medium text-slate-600">
                  Intenção
                </label>
                <select id="inbox-intent" className={filterClass} value={filters.intent ?? ''} onChange={(event) => setFilter('intent', event.target.value)}>
                  <option value="">Qualquer</option>
                  {INTENTS.map((value) => (
                    <option key={value} value={value}>
                      {INTENT_LABELS[value]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="inbox-sentiment" className="text-xs font-medium text-slate-600">
                  Sentimento
                </label>
                <select id="inbox-sentiment" className={filterClass} value={filters.sentiment ?? ''} onChange={(event) => setFilter('sentiment', event.target.value)}>
                  <option value="">Qualquer</option>
                  {SENTIMENT_FILTERS.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              {narrowed && (
                <button
                  type="button"
                  className="col-span-2 justify-self-end text-xs font-medium text-indigo-800 hover:underline"
                  onClick={() => {
                    setSearchText('');
                    setParams(new URLSearchParams(filters.view ? { visao: filters.view } : {}), { replace: true });
                  }}
                >
                  Limpar filtros
                </button>
              )}
            </div>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            <TicketList
              tickets={tickets}
              selectedId={ticketId}
              search={search}
              showAssignee={filters.view !== 'mine'}
              isPending={list.isPending}
              error={list.error}
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
              empty={
                narrowed ? (
                  <p className="p-6 text-center text-sm text-slate-600">Nenhum ticket com estes filtros.</p>
                ) : (
                  <InboxEmptyState view={filters.view} channels={channels.data} counts={counts.data} />
                )
              }
            />
          </div>
        </section>

        <div className={cn('min-w-0 flex-1', !ticketId && 'hidden lg:block')}>
          {ticketId ? (
            <TicketWorkspace key={ticketId} ref={workspace} ticketId={ticketId} backHref={backHref} renderExtras={renderTicketExtras} />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-2 bg-slate-50 p-8 text-center text-sm text-slate-600">
              <p className="text-base font-medium text-slate-900">Escolha um ticket</p>
              <p>
                Use <kbd className="rounded bg-white px-1 ring-1 ring-slate-300">j</kbd> e <kbd className="rounded bg-white px-1 ring-1 ring-slate-300">k</kbd> para
                navegar e <kbd className="rounded bg-white px-1 ring-1 ring-slate-300">?</kbd> para ver todos os atalhos.
              </p>
            </div>
          )}
        </div>
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
