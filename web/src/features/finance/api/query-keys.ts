// Every finance query starts with `financeQueryKey`, so one invalidation
// (after a payment, or a finance event from another user) refreshes invoices,
// payments, subscriptions, credit and the dashboard together.
export const financeQueryKey = ['finance'] as const;
export const invoicesQueryKey = [...financeQueryKey, 'invoices'] as const;
export const paymentsQueryKey = [...financeQueryKey, 'payments'] as const;
export const subscriptionsQueryKey = [...financeQueryKey, 'subscriptions'] as const;
export const reportsQueryKey = [...financeQueryKey, 'reports'] as const;
export const financeSettingsQueryKey = [...financeQueryKey, 'settings'] as const;
export const gatewaysQueryKey = [...financeQueryKey, 'gateways'] as const;
export const customerCreditQueryKey = (customerId: string) => [...financeQueryKey, 'credit', customerId] as const;
