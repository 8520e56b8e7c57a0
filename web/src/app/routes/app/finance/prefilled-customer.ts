import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearchParams } from 'react-router';

import { customerQueryOptions } from '@/features/crm/api/get-customer';
import type { CustomerRef } from '@/features/finance/components/customer-picker-slot';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

/**
 * The customer of `?customer_id=`: from the link's state when it carries the
 * name (roles without the CRM cannot read customers), else from the CRM.
 */
export function usePrefilledCustomer(): { customer: CustomerRef | null; loading: boolean } {
  const { user } = useMe();
  const [params] = useSearchParams();
  const location = useLocation();
  const customerId = params.get('customer_id') ?? '';
  const fromState = (location.state as { customer?: CustomerRef } | null)?.customer;
  const known = fromState && fromState.id === customerId ? fromState : null;
  const canRead = canAccess(user.role, 'crm');
  const customer = useQuery({ ...customerQueryOptions(customerId), enabled: Boolean(customerId) && !known && canRead });
  if (known) return { customer: known, loading: false };
  if (!customerId || !canRead) return { customer: null, loading: false };
  return {
    customer: customer.data ? { id: customer.data.id, name: customer.data.name } : null,
    loading: customer.isPending,
  };
}
