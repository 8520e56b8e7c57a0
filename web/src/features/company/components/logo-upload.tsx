import { ImageUpload } from '@/components/image-upload';
import { Spinner } from '@/components/ui/spinner';
import type { Company } from '@/lib/api/models';

import {
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  useCompanyLogo,
  useDeleteCompanyLogo,
  useUploadCompanyLogo,
} from '../api/company-logo';

export function LogoUpload({ company }: { company: Company }) {
  const logo = useCompanyLogo(company);
  const upload = useUploadCompanyLogo();
  const remove = useDeleteCompanyLogo();

  return (
    <section aria-labelledby="logo-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="logo-title" className="text-base font-semibold text-slate-900">
        Logo
      </h2>
      <div className="mt-4">
        <ImageUpload
          renderImage={(previewUrl) => {
            const shownUrl = previewUrl ?? (company.has_logo ? logo.data : undefined);
            return (
              <div className="flex size-28 shrink-0 items-center justify-center overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200">
                {company.has_logo && logo.isPending && !previewUrl ? (
                  <Spinner label="Carregando logo" />
                ) : shownUrl ? (
                  <img
                    src={shownUrl}
                    alt={previewUrl ? 'Pré-visualização do novo logo' : `Logo de ${company.trade_name || company.name}`}
                    className="size-full object-contain"
                  />
                ) : (
                  <span className="text-xs text-slate-500">Sem logo</span>
                )}
              </div>
            );
          }}
          types={LOGO_TYPES}
          maxBytes={LOGO_MAX_BYTES}
          hint="PNG, JPEG ou WebP, até 1 MB."
          saveLabel="Salvar logo"
          removeLabel="Remover logo"
          hasImage={company.has_logo}
          confirmTitle="Remover o logo?"
          confirmText="Propostas e faturas novas sairão sem logo até você enviar outro."
          upload={upload}
          remove={remove}
        />
      </div>
    </section>
  );
}
