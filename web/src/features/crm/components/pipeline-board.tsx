import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { HorizontalScroll } from '@/components/ui/horizontal-scroll';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Board, BoardColumn, Opportunity, Stage } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useBoard } from '../api/get-board';
import { useMoveOpportunity } from '../api/move-opportunity';
import { afterIdFor, boardHint } from '../utils/board';

import { formatIsoDate } from './labels';
import { LostReasonDialog } from './lost-reason-dialog';
import { EditOpportunityDialog } from './opportunity-form';

type Columns = Record<string, string[]>;
type PendingMove = { id: string; title: string; stageId: string; afterId: string | null };

const KIND_ACCENT: Record<Stage['kind'], string> = {
  open: 'border-t-indigo-500',
  won: 'border-t-emerald-500',
  lost: 'border-t-red-500',
};

const COLUMN_PREFIX = 'coluna:';
const columnDropId = (stageId: string) => `${COLUMN_PREFIX}${stageId}`;

// Cards before columns: with the pointer over a card the drop goes next to
// it; over the empty part of a column, to its end. The keyboard has no
// pointer: nearest corners then.
const collisionDetection: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length > 0) {
    const card = within.find((collision) => !String(collision.id).startsWith(COLUMN_PREFIX));
    return card ? [card] : within;
  }
  return closestCorners(args);
};

function toColumns(board: Board): Columns {
  return Object.fromEntries(board.columns.map((column) => [column.stage.id, column.opportunities.map((o) => o.id)]));
}

/** The kanban of one pipeline: drag cards between and within stages; other people's moves arrive live. */
export function PipelineBoard({ pipelineId }: { pipelineId: string }) {
  const board = useBoard(pipelineId);
  if (board.isPending) return <PageSpinner label="Carregando o funil…" />;
  if (board.isError) return <Alert title="Não foi possível carregar o funil">{problemMessage(board.error)}</Alert>;
  return <BoardView board={board.data} pipelineId={pipelineId} />;
}

function BoardView({ board, pipelineId }: { board: Board; pipelineId: string }) {
  const move = useMoveOpportunity(pipelineId);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    // A finger first scrolls the board; holding still on a card picks it up.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const base = useMemo(() => toColumns(board), [board]);
  const cards = useMemo(
    () => new Map(board.columns.flatMap((column) => column.opportunities.map((o) => [o.id, o] as const))),
    [board],
  );
  const stages = useMemo(() => new Map(board.columns.map((column) => [column.stage.id, column.stage])), [board]);

  // While dragging (and until the cache shows the drop) the columns come from here.
  const [override, setOverride] = useState<Columns | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [awaitingCache, setAwaitingCache] = useState(false);
  const origin = useRef<{ stageId: string; index: number } | null>(null);
  const [lostMove, setLostMove] = useState<PendingMove | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Opportunity | null>(null);
  const columns = override ?? base;

  // The board changed after a drop (optimistic update, rollback): stop overriding it.
  const [seenBoard, setSeenBoard] = useState(board);
  if (board !== seenBoard) {
    setSeenBoard(board);
    if (awaitingCache) {
      setAwaitingCache(false);
      setOverride(null);
    }
  }

  // A card opened for editing follows live changes (and closes when deleted).
  const editingLive = editing ? (cards.get(editing.id) ?? null) : null;

  const containerOf = (id: UniqueIdentifier, current: Columns): string | null => {
    const key = String(id);
    if (key.startsWith(COLUMN_PREFIX)) return key.slice(COLUMN_PREFIX.length);
    for (const [stageId, ids] of Object.entries(current)) if (ids.includes(key)) return stageId;
    return null;
  };

  const reset = () => {
    setActiveId(null);
    setOverride(null);
    setAwaitingCache(false);
    origin.current = null;
  };

  const send = (pending: PendingMove, lostReason?: string) => {
    setMoveError(null);
    move.mutate(
      { id: pending.id, input: { stage_id: pending.stageId, after_id: pending.afterId, lost_reason: lostReason ?? null } },
      {
        onError: (error) => {
          if (isApiError(error) && error.fieldErrors.some((e) => e.field === 'lost_reason')) {
            setLostMove(pending);
          } else {
            setMoveError(`Não foi possível mover “${pending.title}”: ${problemMessage(error)}`);
          }
        },
        onSettled: () => {
          setAwaitingCache(false);
          setOverride(null);
        },
      },
    );
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const id = String(active.id);
    const stageId = containerOf(id, base);
    if (!stageId) return;
    origin.current = { stageId, index: base[stageId].indexOf(id) };
    setActiveId(id);
    setOverride(base);
    setMoveError(null);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    setOverride((current) => {
      if (!current) return current;
      const from = containerOf(active.id, current);
      const to = containerOf(over.id, current);
      if (!from || !to || from === to) return current;
      const activeKey = String(active.id);
      const target = current[to];
      let index = target.length;
      if (!String(over.id).startsWith(COLUMN_PREFIX)) {
        const overIndex = target.indexOf(String(over.id));
        const translated = active.rect.current.translated;
        const below = translated ? translated.top > over.rect.top + over.rect.height / 2 : false;
        index = overIndex === -1 ? target.length : overIndex + (below ? 1 : 0);
      }
      return {
        ...current,
        [from]: current[from].filter((id) => id !== activeKey),
        [to]: [...target.slice(0, index), activeKey, ...target.slice(index)],
      };
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const current = override;
    const start = origin.current;
    setActiveId(null);
    if (!over || !current || !start) return reset();
    const id = String(active.id);
    const stageId = containerOf(id, current);
    if (!stageId) return reset();
    let list = current[stageId];
    if (containerOf(over.id, current) === stageId && !String(over.id).startsWith(COLUMN_PREFIX)) {
      const oldIndex = list.indexOf(id);
      const newIndex = list.indexOf(String(over.id));
      if (oldIndex !== newIndex && newIndex !== -1) list = arrayMove(list, oldIndex, newIndex);
    }
    const index = list.indexOf(id);
    if (stageId === start.stageId && index === start.index) return reset();
    const pending: PendingMove = { id, title: cards.get(id)?.title ?? '', stageId, afterId: afterIdFor(list, index) };
    origin.current = null;
    if (stages.get(stageId)?.kind === 'lost' && stageId !== start.stageId) {
      // Ask why first; the card stays where it was until then.
      setOverride(null);
      setLostMove(pending);
      return;
    }
    setOverride({ ...current, [stageId]: list });
    setAwaitingCache(true);
    send(pending);
  };

  const title = (id: UniqueIdentifier) => cards.get(String(id))?.title ?? 'cartão';
  const placeName = (id: UniqueIdentifier | undefined) => {
    if (id === undefined) return '';
    const stageId = override ? containerOf(id, override) : containerOf(id, base);
    return stageId ? (stages.get(stageId)?.name ?? '') : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Cartão “${title(active.id)}” pego. Use as setas para mover, Espaço para soltar, Esc para cancelar.`,
    onDragOver: ({ active, over }) =>
      over ? `“${title(active.id)}” sobre a etapa ${placeName(over.id)}.` : `“${title(active.id)}” fora de qualquer etapa.`,
    onDragEnd: ({ active, over }) =>
      over ? `“${title(active.id)}” solto na etapa ${placeName(over.id)}.` : `“${title(active.id)}” solto fora do quadro: nada mudou.`,
    onDragCancel: ({ active }) => `Movimento de “${title(active.id)}” cancelado.`,
  };

  const activeCard = activeId ? cards.get(activeId) : undefined;

  return (
    <div className="space-y-3">
      <div aria-live="assertive">
        {moveError && (
          <Alert>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>{moveError}</span>
              <Button size="sm" variant="secondary" onClick={() => setMoveError(null)}>
                Fechar
              </Button>
            </div>
          </Alert>
        )}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={reset}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'Para mover um cartão, pressione Espaço ou Enter no botão Mover, use as setas para escolher a etapa e a posição, e Espaço de novo para soltar. Esc cancela.',
          },
        }}
      >
        {/* Narrow screens scroll the board sideways (each column keeps a readable width); the button above names the columns out of view. */}
        <HorizontalScroll
          showHint
          formatHint={boardHint}
          frameClassName="-mx-4 sm:mx-0"
          className="px-4 pb-4 sm:px-0"
          role="group"
          label={`Quadro do funil ${board.pipeline.name}`}
        >
          <div className="flex min-w-max gap-3">
            {board.columns.map((column) => (
              <BoardColumnView
                key={column.stage.id}
                column={column}
                ids={columns[column.stage.id] ?? []}
                cards={cards}
                activeId={activeId}
                onOpen={setEditing}
              />
            ))}
          </div>
        </HorizontalScroll>
        <DragOverlay>{activeCard ? <CardBody card={activeCard} overlay /> : null}</DragOverlay>
      </DndContext>

      <LostReasonDialog
        open={lostMove !== null}
        title={lostMove?.title ?? ''}
        stageName={lostMove ? (stages.get(lostMove.stageId)?.name ?? 'Perdido') : ''}
        onCancel={() => setLostMove(null)}
        onConfirm={(reason) => {
          if (!lostMove) return;
          const pending = lostMove;
          setLostMove(null);
          send(pending, reason);
        }}
      />
      <EditOpportunityDialog opportunity={editingLive} onClose={() => setEditing(null)} />
    </div>
  );
}

function BoardColumnView({
  column,
  ids,
  cards,
  activeId,
  onOpen,
}: {
  column: BoardColumn;
  ids: string[];
  cards: Map<string, Opportunity>;
  activeId: string | null;
  onOpen: (card: Opportunity) => void;
}) {
  const { stage } = column;
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(stage.id) });
  const headingId = `stage-${stage.id}`;
  const hidden = column.count - column.opportunities.length;
  return (
    <section
      aria-labelledby={headingId}
      data-stage-id={stage.id}
      data-scroll-label={`${stage.name} (${column.count})`}
      className={cn('flex w-64 shrink-0 flex-col rounded-xl border-t-4 bg-slate-100', KIND_ACCENT[stage.kind])}
    >
      <header className="px-3 pt-3 pb-2">
        <div className="flex items-baseline justify-between gap-2">
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {stage.name}
          </h3>
          <span className="text-xs text-slate-500" title="Probabilidade de fechamento">
            {stage.probability}%
          </span>
        </div>
        <p className="mt-0.5 text-xs text-slate-600">
          <span data-testid="stage-count">
            {column.count} {column.count === 1 ? 'oportunidade' : 'oportunidades'}
          </span>{' '}
          · <span className="font-medium text-slate-800">{formatMoney(column.total_cents)}</span>
        </p>
      </header>
      <SortableContext id={stage.id} items={ids} strategy={verticalListSortingStrategy}>
        <ul
          ref={setNodeRef}
          aria-label={`Cartões em ${stage.name}`}
          className={cn('flex min-h-32 flex-1 flex-col gap-2 rounded-b-xl px-2 pb-3', isOver && 'bg-indigo-50')}
        >
          {ids.map((id) => {
            const card = cards.get(id);
            return card ? <SortableCard key={id} card={card} dimmed={id === activeId} onOpen={onOpen} /> : null;
          })}
          {ids.length === 0 && <li className="px-2 py-6 text-center text-xs text-slate-500">Arraste cartões para cá</li>}
          {hidden > 0 && <li className="px-2 text-center text-xs text-slate-500">e mais {hidden} (veja na lista)</li>}
        </ul>
      </SortableContext>
    </section>
  );
}

function SortableCard({ card, dimmed, onOpen }: { card: Opportunity; dimmed: boolean; onOpen: (card: Opportunity) => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: card.id });
  return (
    <li
      ref={setNodeRef}
      data-opportunity-id={card.id}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn('touch-manipulation', dimmed && 'opacity-40')}
      {...listeners}
    >
      <CardBody
        card={card}
        onOpen={() => onOpen(card)}
        handle={
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            aria-label={`Mover ${card.title}`}
            className="cursor-grab rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 active:cursor-grabbing"
          >
            <span aria-hidden="true">⠿</span>
          </button>
        }
      />
    </li>
  );
}

function CardBody({
  card,
  onOpen,
  handle,
  overlay = false,
}: {
  card: Opportunity;
  onOpen?: () => void;
  handle?: React.ReactNode;
  overlay?: boolean;
}) {
  return (
    <article
      aria-label={card.title}
      className={cn(
        'cursor-grab rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200 select-none',
        overlay && 'shadow-lg ring-2 ring-indigo-400',
      )}
    >
      <div className="flex items-start justify-between gap-2">
        {onOpen ? (
          <button type="button" onClick={onOpen} className="text-left font-medium text-slate-900 hover:text-indigo-800 hover:underline">
            {card.title}
          </button>
        ) : (
          <span className="font-medium text-slate-900">{card.title}</span>
        )}
        <div className="flex shrink-0 items-center">
          {!overlay && <CardMenu card={card} onOpen={onOpen} />}
          {handle}
        </div>
      </div>
      {overlay ? (
        <p className="mt-1 text-slate-600">{card.customer_name}</p>
      ) : (
        <Link to={paths.app.crm.customer.getHref(card.customer_id)} className="mt-1 block text-slate-600 hover:text-indigo-800 hover:underline">
          {card.customer_name}
        </Link>
      )}
      <div className="mt-2 flex items-center justify-between gap-2">
        <span className="font-semibold text-slate-900">{formatMoney(card.value_cents)}</span>
        {card.expected_close_date && (
          <span className="text-xs text-slate-500" title="Previsão de fechamento">
            {formatIsoDate(card.expected_close_date)}
          </span>
        )}
      </div>
    </article>
  );
}

/** The card's "⋯" menu: open it, or start a proposal for this deal. */
function CardMenu({ card, onOpen }: { card: Opportunity; onOpen?: () => void }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    // Focus the first item, as a menu button does.
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const itemClass = 'block w-full px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none';
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={`Ações de ${card.title}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={`Ações de ${card.title}`}
          className="absolute right-0 z-20 mt-1 w-44 overflow-hidden rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            event.preventDefault();
            const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]'));
            const index = items.indexOf(document.activeElement as HTMLElement);
            const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
            items[next]?.focus();
          }}
        >
          <Link
            role="menuitem"
            to={paths.app.crm.newProposal.getHref({ customerId: card.customer_id, opportunityId: card.id })}
            className={itemClass}
          >
            Nova proposta
          </Link>
          {onOpen && (
            <button
              type="button"
              role="menuitem"
              className={itemClass}
              onClick={() => {
                setOpen(false);
                onOpen();
              }}
            >
              Editar oportunidade
            </button>
          )}
        </div>
      )}
    </div>
  );
}
