// Every support query starts with `supportQueryKey`, so one invalidation
// refreshes the inbox, the settings and the customer panel together.
export const supportQueryKey = ['support'] as const;
export const ticketsQueryKey = [...supportQueryKey, 'tickets'] as const;
/** Ticket lists (every view and filter). */
export const ticketListsQueryKey = [...ticketsQueryKey, 'list'] as const;
export const ticketCountsQueryKey = [...ticketsQueryKey, 'counts'] as const;
export const ticketQueryKey = (id: string) => [...ticketsQueryKey, 'detail', id] as const;
export const messagesQueryKey = (ticketId: string) => [...ticketsQueryKey, 'messages', ticketId] as const;
export const activitiesQueryKey = (ticketId: string) => [...ticketsQueryKey, 'activities', ticketId] as const;
/** A ticket's triages (first message and later ones), for the side panel. */
export const ticketTriageQueryKey = (ticketId: string) => [...ticketsQueryKey, 'triage', ticketId] as const;
export const replySuggestionsQueryKey = (ticketId: string) => [...ticketsQueryKey, 'suggestions', ticketId] as const;
/** A ticket's conversation summary (offline, and the LLM's when asked for): read again whenever its messages change. */
export const ticketSummaryQueryKey = (ticketId: string) => [...ticketsQueryKey, 'summary', ticketId] as const;
/** Where the ticket's conversation stands with the service bot: read again whenever its messages change. */
export const ticketBotQueryKey = (ticketId: string) => [...ticketsQueryKey, 'bot', ticketId] as const;
/** A customer's tickets, for the side panel (a plain page, not an inbox list). */
export const customerTicketsQueryKey = (customerId: string) => [...ticketsQueryKey, 'customer', customerId] as const;
export const attachmentQueryKey = (ticketId: string, attachmentId: string) =>
  [...ticketsQueryKey, 'attachment', ticketId, attachmentId] as const;
export const channelsQueryKey = [...supportQueryKey, 'channels'] as const;
export const teamsQueryKey = [...supportQueryKey, 'teams'] as const;
export const queuesQueryKey = [...supportQueryKey, 'queues'] as const;
export const slaPoliciesQueryKey = [...supportQueryKey, 'sla-policies'] as const;
export const cannedQueryKey = [...supportQueryKey, 'canned'] as const;
export const triageRulesQueryKey = [...supportQueryKey, 'triage-rules'] as const;
export const triageAccuracyQueryKey = (days: number) => [...supportQueryKey, 'triage-accuracy', days] as const;
/** The company's LLM settings and a month of its use (`YYYY-MM`). */
export const aiSettingsQueryKey = [...supportQueryKey, 'ai-settings'] as const;
export const aiUsageQueryKey = (month: string) => [...supportQueryKey, 'ai-usage', month] as const;
/** The CRM's side of a ticket's customer, as the inbox's panel reads it. */
export const supportCustomerQueryKey = (customerId: string) => [...supportQueryKey, 'customer', customerId] as const;
/** Every customer's panel (their deals change with CRM events). */
export const supportCustomersQueryKey = [...supportQueryKey, 'customer'] as const;
