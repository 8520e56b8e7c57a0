import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useTriageRules } from '@/features/support/api/triage';
import { TriageAccuracyCard } from '@/features/support/components/triage-accuracy';
import { TriagePreview } from '@/features/support/components/triage-preview';
import { TriageRulesForm } from '@/features/support/components/triage-rules-form';
import { useMe } from '@/lib/auth';
import { canConfigureSupport } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

export default function SupportTriageRoute() {
  const { user } = useMe();
  const rules = useTriageRules();
  return (
    <ContentLayout title="Triagem" description="Como cada mensagem nova de cliente é classificada: teste, precisão e regras por palavra-chave.">
      <div className="space-y-6">
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <TriagePreview />
          {/* The accuracy report is the owners', admins' and managers' (the server refuses the others). */}
          {canConfigureSupport(user.role) && <TriageAccuracyCard />}
        </div>
        {rules.isPending ? (
          <PageSpinner label="Carregando regras…" />
        ) : rules.isError ? (
          <Alert title="Não foi possível carregar as regras">{problemMessage(rules.error)}</Alert>
        ) : (
          <TriageRulesForm rules={rules.data} />
        )}
      </div>
    </ContentLayout>
  );
}
