import type { Board, BoardColumn, Opportunity } from '@/lib/api/models';

// Pure helpers for the kanban cache: the same placement rules as the server
// (`position` is a float; a card goes between its neighbours), so an
// optimistic move shows what the server will answer.

/**
 * `after_id` for "first in the column". The API places a card after
 * `after_id` when that card is in the target column, at the top when it is
 * not, and at the end when `after_id` is omitted; the nil UUID is never a
 * card, so it means "top".
 */
export const TOP_OF_COLUMN = '00000000-0000-0000-0000-000000000000';

const GAP = 1024;

/** Where a card lands in `cards` (sorted, without the card itself) after `afterId`. */
export function positionAfter(cards: readonly Opportunity[], afterId: string | null | undefined): number {
  if (afterId === null || afterId === undefined) {
    return cards.length ? cards[cards.length - 1].position + GAP : 0;
  }
  const index = cards.findIndex((card) => card.id === afterId);
  if (index === -1) return cards.length ? cards[0].position - GAP : 0;
  const next = cards[index + 1];
  return next ? (cards[index].position + next.position) / 2 : cards[index].position + GAP;
}

/** The `after_id` that puts a card at `index` of `ids` (the column's final order, card included). */
export function afterIdFor(ids: readonly string[], index: number): string | null {
  if (index > 0) return ids[index - 1];
  return ids.length > 1 ? TOP_OF_COLUMN : null;
}

function insertSorted(cards: Opportunity[], card: Opportunity): Opportunity[] {
  const out = cards.filter((c) => c.id !== card.id);
  const at = out.findIndex((c) => c.position > card.position);
  if (at === -1) out.push(card);
  else out.splice(at, 0, card);
  return out;
}

function findCard(board: Board, id: string): { column: BoardColumn; card: Opportunity } | null {
  for (const column of board.columns) {
    const card = column.opportunities.find((c) => c.id === id);
    if (card) return { column, card };
  }
  return null;
}

/** Puts `card` (already updated) into its stage's column, fixing counts and totals. */
function place(board: Board, card: Opportunity, fromStageId: string, previousValue: number): Board {
  return {
    ...board,
    columns: board.columns.map((column) => {
      const id = column.stage.id;
      let { opportunities, count, total_cents } = column;
      if (id === fromStageId) {
        opportunities = opportunities.filter((c) => c.id !== card.id);
        count -= 1;
        total_cents -= previousValue;
      }
      if (id === card.stage_id) {
        opportunities = insertSorted(opportunities, card);
        count += 1;
        total_cents += card.value_cents;
      }
      return opportunities === column.opportunities ? column : { ...column, opportunities, count, total_cents };
    }),
  };
}

/** The optimistic move of a drag: the card goes to `stageId`, after `afterId` (see TOP_OF_COLUMN). */
export function moveCardInBoard(board: Board, id: string, stageId: string, afterId: string | null | undefined): Board {
  const found = findCard(board, id);
  const target = board.columns.find((column) => column.stage.id === stageId);
  if (!found || !target) return board;
  const others = target.opportunities.filter((c) => c.id !== id);
  const changed = found.card.stage_id !== stageId;
  const card: Opportunity = {
    ...found.card,
    stage_id: stageId,
    status: target.stage.kind,
    position: positionAfter(others, afterId),
    stage_entered_at: changed ? new Date().toISOString() : found.card.stage_entered_at,
  };
  return place(board, card, found.card.stage_id, found.card.value_cents);
}

/** The server's copy of a card (after a move or an edit) replaces the cached one. */
export function replaceCard(board: Board, saved: Opportunity): Board {
  const found = findCard(board, saved.id);
  if (!found) return board;
  return place(board, saved, found.card.stage_id, found.card.value_cents);
}

/**
 * Applies an `opportunity.moved` event. Returns the same board when it
 * already shows that version (the mover's own echo), and 'unknown' when the
 * board cannot apply it (card or stage not loaded): refetch then.
 */
export function patchBoardWithMove(
  board: Board,
  event: { id: string; stage_id: string; position: number; version: number },
): Board | 'unknown' {
  const found = findCard(board, event.id);
  const target = board.columns.find((column) => column.stage.id === event.stage_id);
  if (!found || !target) return 'unknown';
  if (found.card.version >= event.version) return board;
  const card: Opportunity = {
    ...found.card,
    stage_id: event.stage_id,
    status: target.stage.kind,
    position: event.position,
    version: event.version,
    stage_entered_at: found.card.stage_id !== event.stage_id ? new Date().toISOString() : found.card.stage_entered_at,
  };
  return place(board, card, found.card.stage_id, found.card.value_cents);
}

/**
 * The columns out of view, as the board's hint names them ("Ganho (2) /
 * Perdido (0)"): a phone hides most, so past three only the last two (the
 * closing stages) are named and the others counted.
 */
export function boardHint(hidden: string[]): string {
  if (hidden.length <= 3) return hidden.join(' / ');
  return `mais ${hidden.length - 2} etapas até ${hidden.slice(-2).join(' / ')}`;
}
