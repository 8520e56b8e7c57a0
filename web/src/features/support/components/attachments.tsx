import { useEffect, useRef } from 'react';

import { Button } from '@/components/ui/button';
import type { AttachmentInfo } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

import { useAttachmentBlob, useDownloadAttachment } from '../api/attachments';

import { Icon } from './icons';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
  return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/**
 * Raster types only: an SVG (or anything else) opened from a blob URL would
 * run in this app's origin. The server types a file by its bytes, so the
 * blob's type — not the sender's declared one — decides.
 */
const RASTER_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const isRasterImage = (contentType: string) => RASTER_TYPES.has(contentType.split(';')[0]?.trim().toLowerCase() ?? '');

function ImagePreview({ ticketId, attachment }: { ticketId: string; attachment: AttachmentInfo }) {
  const image = useAttachmentBlob(ticketId, attachment.id);
  const ref = useRef<HTMLImageElement>(null);
  const blob = image.data && isRasterImage(image.data.type) ? image.data : undefined;

  // The blob is shown through an object URL that lives as long as the preview.
  useEffect(() => {
    const element = ref.current;
    if (!blob || !element) return;
    const url = URL.createObjectURL(blob);
    element.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);

  if (image.isError) return <p className="text-xs text-red-700">Não foi possível carregar a imagem.</p>;
  if (image.data && !blob) return <p className="text-xs text-slate-600">Este arquivo não é uma imagem: use “Baixar”.</p>;
  if (!blob) return <div aria-hidden="true" className="h-40 w-56 animate-pulse rounded-md bg-slate-200" />;
  return (
    <button
      type="button"
      className="block cursor-zoom-in"
      title={`Abrir ${attachment.filename} em nova aba`}
      onClick={() => {
        const url = URL.createObjectURL(blob);
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }}
    >
      <img ref={ref} alt={attachment.filename} className="max-h-60 max-w-full rounded-md object-contain ring-1 ring-slate-200" />
    </button>
  );
}

/** The files of a message: image previews (fetched with the bearer) and download buttons. */
export function MessageAttachments({ ticketId, attachments, tone }: { ticketId: string; attachments: AttachmentInfo[]; tone: 'light' | 'dark' }) {
  const download = useDownloadAttachment(ticketId);
  if (attachments.length === 0) return null;
  return (
    <div className="mt-2 space-y-2">
      <ul aria-label="Anexos" className="space-y-2">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="space-y-1">
            {isRasterImage(attachment.content_type) && <ImagePreview ticketId={ticketId} attachment={attachment} />}
            <div className={cn('flex flex-wrap items-center gap-2 text-xs', tone === 'dark' ? 'text-indigo-50' : 'text-slate-700')}>
              <Icon name="paperclip" />
              <span className="max-w-56 truncate font-medium" title={attachment.filename}>
                {attachment.filename}
              </span>
              <span className={tone === 'dark' ? 'text-indigo-200' : 'text-slate-500'}>{formatBytes(attachment.size_bytes)}</span>
              <Button
                size="sm"
                variant="secondary"
                className="h-7 px-2 text-xs"
                isLoading={download.isPending && download.variables?.id === attachment.id}
                onClick={() => download.mutate(attachment)}
                aria-label={`Baixar ${attachment.filename}`}
              >
                Baixar
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {download.isError && (
        <p role="alert" className="text-xs text-red-700">
          {problemMessage(download.error)}
        </p>
      )}
    </div>
  );
}
