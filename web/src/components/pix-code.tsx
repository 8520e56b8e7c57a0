import { useId } from 'react';

import { CopyButton } from '@/components/ui/copy-button';
import { svgDataUrl } from '@/lib/svg';

/**
 * The QR code (our server's SVG, shown as an image: never put into the DOM as
 * markup) and the "copia e cola" code with a copy button.
 */
export function PixCode({ pix, label }: { pix: { payload: string; qr_svg: string }; label: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <img
        src={svgDataUrl(pix.qr_svg)}
        alt={`QR code PIX de ${label}`}
        width={176}
        height={176}
        className="size-44 shrink-0 self-center rounded-md bg-white p-2 ring-1 ring-slate-200 sm:self-start"
      />
      <div className="min-w-0 flex-1 space-y-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          PIX copia e cola
        </label>
        <textarea
          id={id}
          readOnly
          rows={4}
          value={pix.payload}
          onFocus={(event) => event.target.select()}
          className="block w-full resize-none rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs break-all text-slate-900"
        />
        <CopyButton text={pix.payload} label="Copiar código PIX" aria-label="Copiar código PIX" />
      </div>
    </div>
  );
}
