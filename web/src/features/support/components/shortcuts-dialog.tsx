import { Dialog } from '@/components/ui/dialog';

import { SHORTCUTS } from '../utils/keyboard';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Atalhos de teclado" description="Funcionam quando você não está digitando em um campo.">
      <dl className="divide-y divide-slate-100 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700">{shortcut.label}</dt>
            <dd>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-mono text-xs text-slate-900">{shortcut.keys}</kbd>
            </dd>
          </div>
        ))}
        <div className="flex items-center justify-between gap-4 py-2">
          <dt className="text-slate-700">Enviar a mensagem (na caixa de texto)</dt>
          <dd>
            <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-mono text-xs text-slate-900">Ctrl + Enter</kbd>
          </dd>
        </div>
      </dl>
    </Dialog>
  );
}
