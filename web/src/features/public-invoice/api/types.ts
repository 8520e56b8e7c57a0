// The customer's side of an invoice (GET /public/invoices/{token}), written
// by hand from crates/finance/src/invoices/model.rs (`PublicInvoice`,
// `PixCharge`, `InvoiceItem`, `CardCheckout`) until web/openapi.json has
// them; then these become aliases of the generated schemas.

export type PublicInvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'overdue' | 'cancelled' | 'refunded';

export type PublicInvoiceItem = {
  id: string;
  description: string;
  /** Up to three decimals. */
  quantity: number;
  unit_price_cents: number;
  total_cents: number;
};

export type PublicPixCharge = {
  /** "PIX copia e cola". */
  payload: string;
  /** The QR code as an SVG document. */
  qr_svg: string;
  amount_cents: number;
  source: string;
};

export type PublicInvoice = {
  company_name: string;
  company_document: string | null;
  label: string;
  customer_name: string;
  status: PublicInvoiceStatus;
  issue_date: string;
  due_date: string;
  description: string;
  items: PublicInvoiceItem[];
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  paid_cents: number;
  amount_due_cents: number;
  fees_due_cents: number;
  currency: string;
  /** Null when there is nothing to pay or the company has no PIX key. */
  pix: PublicPixCharge | null;
  boleto_line: string | null;
  boleto_url: string | null;
  /** A Stripe account is connected and the invoice is payable. */
  card_available: boolean;
};

export type CardCheckout = { url: string };
