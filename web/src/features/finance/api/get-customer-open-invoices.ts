import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Invoice, InvoiceStatus } from '@/lib/api/models';

import { getInvoices } from './get-invoices';
import { invoicesQueryKey } from './query-keys';

// A customer's invoices that can still be paid (open, partially paid,
// overdue), for the inbox's "Vendas" block. The list filters one status at
// a time: one read per status, merged by due date. The key sits under the
// invoices' key, so a payment (or a live finance event) refreshes it.

/** More than a customer ever owes at once; the block shows one page per status. */
export const CUSTOMER_OPEN_INVOICES_LIMIT = 50;

export const OPEN_INVOICE_STATUSES = ['open', 'partially_paid', 'overdue'] as const satisfies readonly InvoiceStatus[];

const byDueDate = (a: Invoice, b: Invoice) => a.due_date.localeCompare(b.due_date) || a.number - b.number;

export const customerOpenInvoicesQueryOptions = (customerId: string) =>
  queryOptions({
    queryKey: [...invoicesQueryKey, 'list', 'customer-open', customerId],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        OPEN_INVOICE_STATUSES.map((status) =>
          getInvoices({ filters: { customer_id: customerId, status }, limit: CUSTOMER_OPEN_INVOICES_LIMIT, signal }),
        ),
      );
      return pages.flatMap((page) => page.items).sort(byDueDate);
    },
  });

export const useCustomerOpenInvoices = (customerId: string) => useQuery(customerOpenInvoicesQueryOptions(customerId));
