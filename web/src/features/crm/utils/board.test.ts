import { describe, expect, it } from 'vitest';

import type { Board, Opportunity, Stage } from '@/lib/api/models';

import { afterIdFor, boardHint, moveCardInBoard, patchBoardWithMove, positionAfter, TOP_OF_COLUMN } from './board';

const stage = (id: string, kind: Stage['kind'] = 'open'): Stage => ({ id, name: id, kind, position: 0, probability: 10 });

const card = (id: string, stageId: string, position: number, value = 1000): Opportunity => ({
  id,
  customer_id: 'c',
  customer_name: 'Cliente',
  pipeline_id: 'p',
  stage_id: stageId,
  status: 'open',
  title: id,
  value_cents: value,
  currency: 'BRL',
  position,
  stage_entered_at: '2026-01-01T00:00:00Z',
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
});

function board(): Board {
  const a = [card('a1', 'A', 0), card('a2', 'A', 1024), card('a3', 'A', 2048)];
  const b = [card('b1', 'B', 0, 500)];
  return {
    pipeline: { id: 'p', name: 'Funil', created_at: '', stages: [stage('A'), stage('B'), stage('L', 'lost')] },
    columns: [
      { stage: stage('A'), opportunities: a, count: 3, total_cents: 3000 },
      { stage: stage('B'), opportunities: b, count: 1, total_cents: 500 },
      { stage: stage('L', 'lost'), opportunities: [], count: 0, total_cents: 0 },
    ],
  };
}

const ids = (b: Board, stageId: string) => b.columns.find((c) => c.stage.id === stageId)!.opportunities.map((c) => c.id);

describe('positionAfter / afterIdFor', () => {
  it('mirrors the server: end, between, top', () => {
    const cards = board().columns[0].opportunities;
    expect(positionAfter(cards, null)).toBe(3072);
    expect(positionAfter(cards, 'a1')).toBe(512);
    expect(positionAfter(cards, 'a3')).toBe(3072);
    expect(positionAfter(cards, TOP_OF_COLUMN)).toBe(-1024);
    expect(positionAfter([], null)).toBe(0);
  });

  it('names the card before the drop place', () => {
    expect(afterIdFor(['x', 'y', 'z'], 1)).toBe('x');
    expect(afterIdFor(['x', 'y', 'z'], 0)).toBe(TOP_OF_COLUMN);
    expect(afterIdFor(['x'], 0)).toBeNull();
  });
});

describe('moveCardInBoard', () => {
  it('moves across columns, fixing counts and totals', () => {
    const moved = moveCardInBoard(board(), 'a2', 'B', 'b1');
    expect(ids(moved, 'A')).toEqual(['a1', 'a3']);
    expect(ids(moved, 'B')).toEqual(['b1', 'a2']);
    expect(moved.columns[0]).toMatchObject({ count: 2, total_cents: 2000 });
    expect(moved.columns[1]).toMatchObject({ count: 2, total_cents: 1500 });
  });

  it('reorders inside a column, and to the top', () => {
    expect(ids(moveCardInBoard(board(), 'a1', 'A', 'a3'), 'A')).toEqual(['a2', 'a3', 'a1']);
    expect(ids(moveCardInBoard(board(), 'a3', 'A', TOP_OF_COLUMN), 'A')).toEqual(['a3', 'a1', 'a2']);
    expect(moveCardInBoard(board(), 'a3', 'A', TOP_OF_COLUMN).columns[0].count).toBe(3);
  });

  it('takes the status from the stage', () => {
    const moved = moveCardInBoard(board(), 'b1', 'L', null);
    expect(moved.columns[2].opportunities[0].status).toBe('lost');
  });
});

describe('patchBoardWithMove', () => {
  it('applies a newer event and ignores an echo of what is shown', () => {
    const moved = patchBoardWithMove(board(), { id: 'a1', stage_id: 'B', position: 10, version: 2 });
    expect(moved).not.toBe('unknown');
    expect(ids(moved as Board, 'B')).toEqual(['b1', 'a1']);
    const again = patchBoardWithMove(moved as Board, { id: 'a1', stage_id: 'B', position: 10, version: 2 });
    expect(again).toBe(moved);
  });

  it('asks for a refetch when the card is not on the board', () => {
    expect(patchBoardWithMove(board(), { id: 'zz', stage_id: 'B', position: 0, version: 2 })).toBe('unknown');
  });
});

describe('boardHint', () => {
  it('names up to three columns out of view', () => {
    expect(boardHint(['Ganho (2)', 'Perdido (0)'])).toBe('Ganho (2) / Perdido (0)');
  });

  it('past three, names the closing columns and counts the others', () => {
    expect(boardHint(['Qualificado (0)', 'Proposta enviada (1)', 'Negociação (0)', 'Ganho (2)', 'Perdido (0)'])).toBe(
      'mais 3 etapas até Ganho (2) / Perdido (0)',
    );
  });
});
