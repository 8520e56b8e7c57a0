import { CustomerPicker } from '@/features/crm/components/customer-picker';
import type { CustomerPickerProps } from '@/features/finance/components/customer-picker-slot';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

/**
 * The CRM's customer search, handed to the finance forms (features do not
 * import each other; the app composes them). Roles without the CRM cannot
 * search customers on the server, so they are told why instead.
 */
function FinanceCustomerPicker(props: CustomerPickerProps) {
  const { user } = useMe();
  if (!canAccess(user.role, 'crm') && !props.value) {
    return (
      <div className="space-y-1">
        <p className="block text-sm font-medium text-slate-800">{props.label}</p>
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Seu perfil não pesquisa clientes do CRM. Use “Nova fatura para este cliente” na página de uma fatura dele, ou peça a um gerente ou administrador.
        </p>
        {props.error && <p className="text-xs font-medium text-red-700">{props.error}</p>}
      </div>
    );
  }
  return (
    <CustomerPicker
      label={props.label}
      value={props.value}
      error={props.error}
      autoFocus={props.autoFocus}
      onChange={(customer) => props.onChange(customer ? { id: customer.id, name: customer.name } : null)}
    />
  );
}

export const renderCustomerPicker = (props: CustomerPickerProps) => <FinanceCustomerPicker {...props} />;
