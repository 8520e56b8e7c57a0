import type { ReactNode } from 'react';

import type { Ticket } from '@/lib/api/models';

/**
 * What other features show beside a ticket (the CRM's "Vendas" block,
 * automation's buttons and run history): features do not import each
 * other, so the app layer hands the inbox a renderer through this slot. It
 * goes at the end of the side panel.
 */
export type RenderTicketExtras = (ticket: Ticket) => ReactNode;
