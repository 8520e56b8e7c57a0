import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import type { Flow } from '@/lib/api/models';
import { EVENT_LABELS } from '@/lib/event-labels';
import { problemMessage } from '@/lib/problem';

import { useGallery, useInstallGalleryItem } from '../api/flows';



/** "Modelos prontos": ready-made flows; using one creates a draft of the company's own, opened for review. */
export function GalleryDialog({ open, onClose, onInstalled }: { open: boolean; onClose: () => void; onInstalled: (flow: Flow) => void }) {
  const gallery = useGallery();
  const install = useInstallGalleryItem();
  return (
    <Dialog open={open} size="lg" title="Modelos prontos" description="Cada modelo vira um rascunho seu: revise, ajuste e ative quando quiser." onClose={onClose}>
      {install.isError && <Alert title="Não foi possível usar o modelo">{problemMessage(install.error)}</Alert>}
      {gallery.isPending ? (
        <Spinner size="sm" label="Carregando modelos…" />
      ) : gallery.isError ? (
        <Alert title="Não foi possível carregar os modelos">{problemMessage(gallery.error)}</Alert>
      ) : (
        <ul aria-label="Modelos prontos" className="max-h-[60dvh] divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
          {gallery.data.map((item) => (
            <li key={item.key} aria-label={item.name} className="flex flex-wrap items-start justify-between gap-3 px-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-900">{item.name}</p>
                <p className="text-sm text-slate-600">{item.description}</p>
                <p className="text-xs text-slate-500">Quando: {EVENT_LABELS[item.definition.trigger_kind]}</p>
              </div>
              <Button
                size="sm"
                isLoading={install.isPending && install.variables === item.key}
                disabled={install.isPending}
                onClick={() => install.mutate(item.key, { onSuccess: onInstalled })}
              >
                Usar este modelo
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
