import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useTriageRules } from '@/features/support/api/triage';
import { TriageRulesForm } from '@/features/support/components/triage-rules-form';
import { problemMessage } from '@/lib/problem';

export default function SupportTriageRoute() {
  const rules = useTriageRules();
  return (
    <ContentLayout title="Regras de triagem" description="Palavras-chave que definem categoria, prioridade e equipe dos tickets novos.">
      {rules.isPending ? (
        <PageSpinner label="Carregando regras…" />
      ) : rules.isError ? (
        <Alert title="Não foi possível carregar as regras">{problemMessage(rules.error)}</Alert>
      ) : (
        <TriageRulesForm rules={rules.data} />
      )}
    </ContentLayout>
  );
}
