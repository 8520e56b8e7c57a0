import { Button } from './button';

type ListItemActionsProps = {
  /** The item's position, from 0. */
  index: number;
  /** How many items the list has. */
  count: number;
  /** What an item is, with its article, for the buttons' names: "a opção" → "Subir a opção 2". */
  noun: string;
  /** Moves the item; without it the list has no order to change. */
  onMove?: (from: number, to: number) => void;
  onRemove: () => void;
  /** A list that needs at least this many items cannot lose one below it. */
  min?: number;
};

/** An ordered list item's buttons: up, down and remove, each named for screen readers. */
export function ListItemActions({ index, count, noun, onMove, onRemove, min = 0 }: ListItemActionsProps) {
  const n = index + 1;
  return (
    <div className="flex gap-1">
      {onMove && (
        <>
          <Button size="sm" variant="ghost" aria-label={`Subir ${noun} ${n}`} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
            ↑
          </Button>
          <Button size="sm" variant="ghost" aria-label={`Descer ${noun} ${n}`} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
            ↓
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" className="text-red-700" aria-label={`Remover ${noun} ${n}`} disabled={count <= min} onClick={onRemove}>
        Remover
      </Button>
    </div>
  );
}
