import { useEffect, useState } from 'react';

import { Button, type ButtonProps } from './button';

type CopyButtonProps = Omit<ButtonProps, 'onClick' | 'children'> & {
  /** What goes to the clipboard. */
  text: string;
  label?: string;
  copiedLabel?: string;
};

/** Copies to the clipboard and says so for two seconds ("Copiado!"), announced politely. */
export function CopyButton({
  text,
  label = 'Copiar',
  copiedLabel = 'Copiado!',
  variant = 'secondary',
  size = 'sm',
  ...props
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'copied' && state !== 'failed') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant={variant} size={size} onClick={() => void copy()} {...props}>
        {state === 'copied' ? copiedLabel : label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {state === 'failed' ? 'Não foi possível copiar: selecione o texto e copie.' : ''}
      </span>
    </span>
  );
}
