import { ContentLayout } from '@/components/layouts/content-layout';
import { ProductsCatalogue } from '@/features/crm/components/products-catalogue';
import { useMe } from '@/lib/auth';
import { canConfigureCrm } from '@/lib/authorization';

export default function ProductsRoute() {
  const { user } = useMe();
  return (
    <ContentLayout title="Produtos e serviços" description="O catálogo usado nas propostas.">
      <ProductsCatalogue canEdit={canConfigureCrm(user.role)} />
    </ContentLayout>
  );
}
