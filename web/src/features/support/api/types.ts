// The support API's types, written by hand from the server's models
// (crates/support/src/*/model.rs and http.rs) until web/openapi.json
// includes them. JSON is snake_case; instants are ISO 8601 (`DateTime<Utc>`).
//
// When `npm run gen:api` knows these schemas, each type below becomes an
// alias in src/lib/api/models.ts (`export type Ticket = Schemas['Ticket']`)
// and this file re-exports them under the same names, so nothing else changes.

/** An instant, "2026-03-01T12:00:00Z". */
export type IsoDateTime = string;

// --- tickets (crates/support/src/tickets/model.rs) ------------------------------

export type TicketStatus = 'open' | 'pending' | 'waiting_customer' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Direction = 'in' | 'out' | 'note';
export type DeliveryStatus = 'scheduled' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
/** `none`: no target applies; `met`: the targets were met. */
export type SlaStatus = 'none' | 'ok' | 'warning' | 'breached' | 'met';
export type ChannelKind = 'webchat' | 'email' | 'whatsapp' | 'twilio_sms' | 'twilio_whatsapp';

export type Ticket = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  category: string | null;
  channel_id: string;
  channel_kind: ChannelKind | (string & {});
  channel_name: string;
  customer_id: string;
  customer_name: string;
  /** Phone, e-mail or web-chat visitor (`visitor:<id>`) of the customer on this channel. */
  contact_address: string;
  /** False while the customer is only who a web-chat visitor said they were ("não verificado"). */
  contact_verified: boolean;
  /** The e-mail a web-chat visitor typed (unverified). */
  declared_email: string | null;
  team_id: string | null;
  team_name: string | null;
  queue_id: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  tags: string[];
  first_response_due: IsoDateTime | null;
  resolution_due: IsoDateTime | null;
  first_response_at: IsoDateTime | null;
  resolved_at: IsoDateTime | null;
  sla_status: SlaStatus;
  snoozed_until: IsoDateTime | null;
  merged_into: string | null;
  /** 1–5, the customer's answer to the satisfaction survey. */
  csat_score: number | null;
  /** Customer messages not read yet. */
  unread: number;
  last_message_at: IsoDateTime;
  last_inbound_at: IsoDateTime | null;
  version: number;
  created_at: IsoDateTime;
};

export type TicketPage = { items: Ticket[]; next_cursor: string | null };

export type TicketView = 'mine' | 'unassigned' | 'my_teams' | 'all';
/** `open` (the default) is open + pending + waiting_customer; `any` is everything. */
export type TicketStatusFilter = 'open' | 'pending' | 'waiting_customer' | 'resolved' | 'closed' | 'any';
export type SlaFilter = 'warning' | 'breached';

/** Query of GET /tickets (limit and cursor apart). */
export type TicketFilter = {
  view?: TicketView;
  status?: TicketStatusFilter;
  channel_id?: string;
  customer_id?: string;
  tag?: string;
  sla?: SlaFilter;
  /** Subject, customer name or number ("1042", "#1042"). */
  q?: string;
};

/** Open tickets per view, and how many have unread customer messages. */
export type ViewCounts = {
  mine: number;
  unassigned: number;
  my_teams: number;
  all: number;
  unread: number;
};

export type AttachmentInfo = {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  /** Download (authenticated). */
  url: string;
};

/** What `extra` may carry (media, location, contacts, interactive reply, refused attachments, template, CSAT…). */
export type MessageExtra = {
  media?: { kind: string; mime_type?: string | null; filename?: string | null; caption?: string | null }[];
  location?: { latitude: number; longitude: number; name?: string | null; address?: string | null } | null;
  contacts?: { name: string; phones: string[] }[];
  interactive_reply?: unknown;
  reply_to?: string | null;
  /** "nome.pdf: maior que 16 MB". */
  refused_attachments?: string[];
  template?: TemplateRef;
  csat?: boolean;
  send_attempts?: number;
  [key: string]: unknown;
};

export type Message = {
  id: string;
  ticket_id: string;
  direction: Direction;
  author_id: string | null;
  author_name: string;
  text: string;
  /** Sanitised HTML (e-mail). */
  html: string | null;
  extra: MessageExtra;
  attachments: AttachmentInfo[];
  delivery_status: DeliveryStatus | null;
  failure_reason: string | null;
  send_at: IsoDateTime | null;
  mentions: string[];
  created_at: IsoDateTime;
};

/** Newest first; `next_cursor` reads older messages. */
export type MessagePage = { items: Message[]; next_cursor: string | null };

/** An approved WhatsApp template (required outside the 24-hour window). */
export type TemplateRef = {
  name: string;
  /** "pt_BR". */
  language: string;
  params: string[];
};

export type ReplyRequest = {
  text: string;
  /** An internal note (never sent to the customer). */
  note?: boolean;
  /** Users mentioned in a note (they are notified). */
  mentions?: string[];
  /** Send later. */
  send_at?: IsoDateTime | null;
  template?: TemplateRef | null;
};

export type UpdateTicketRequest = {
  status?: TicketStatus;
  priority?: Priority;
  subject?: string;
  category?: string;
  tags?: string[];
};

export type TransferRequest = {
  /** Who takes it; `null` = nobody (back to the queue); absent = unchanged. */
  assignee_id?: string | null;
  team_id?: string;
  queue_id?: string;
  /** Why (kept as an internal note). */
  note?: string;
};

export type SnoozeRequest = { until: IsoDateTime };

/** `into_ticket_id` stays; this ticket is closed into it. */
export type TicketMergeRequest = { into_ticket_id: string };

export type Activity = {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  /** created, triaged, assigned, transferred, status, priority, replied, scheduled, retried, snoozed, woke, merged, merged_from, reopened, csat, sla.warning, sla.breached… */
  kind: string;
  data: Record<string, unknown>;
  created_at: IsoDateTime;
};

export type RenderedCanned = { text: string };

// --- channels (crates/support/src/channels/model.rs) ----------------------------

export type Channel = {
  id: string;
  kind: ChannelKind;
  name: string;
  /** Plain settings: phone_number_id, account_sid, from, address, from_name, greeting, color, prechat… */
  config: Record<string, unknown>;
  enabled: boolean;
  team_id: string | null;
  /** `<tenant>.<channel>`: the web-chat widget's `data-channel`, and the last part of webhook URLs. */
  public_id: string;
  /** Paste into the provider (WhatsApp, Twilio, SendGrid Inbound Parse or any MIME forwarder); null for web chat. */
  webhook_url: string | null;
  /** Names of the secrets stored (never their values). */
  secrets: string[];
  /** E-mail: the inbound token; WhatsApp: the verify token. Whole for owners and admins, else `••••` and its last 4 characters. */
  inbound_secret: string | null;
  /** E-mail: whether replies go out From the channel's address (confirmed by a code). */
  sender: SenderStatus | null;
  created_at: IsoDateTime;
};

export type SenderStatus = {
  address: string;
  verified: boolean;
  /** When the last confirmation code was sent to this address. */
  code_sent_at: IsoDateTime | null;
};

export type VerifySenderRequest = { code: string };

export type RotatedSecret = { inbound_secret: string };

export type LinkCustomerRequest = { customer_id: string };

export type SaveChannelRequest = {
  kind: ChannelKind;
  name: string;
  config: Record<string, unknown>;
  /** Replaces the stored secrets given here; the others stay. */
  secrets: Record<string, string>;
  enabled?: boolean;
  team_id?: string | null;
};

export type ChannelTest = { ok: boolean; message: string };

// --- teams and queues (crates/support/src/teams/model.rs) -----------------------

export type BusinessWindow = {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "08:00". */
  opens: string;
  /** "18:00". */
  closes: string;
};

export type Presence = 'online' | 'away' | 'offline';

export type Member = {
  user_id: string;
  name: string;
  capacity: number;
  presence: Presence | (string & {});
  open_tickets: number;
};

export type Team = {
  id: string;
  name: string;
  /** Empty: the company's hours. */
  business_hours: BusinessWindow[];
  members: Member[];
};

export type MemberInput = {
  user_id: string;
  /** Default 10. */
  capacity?: number | null;
};

export type SaveTeamRequest = {
  name: string;
  business_hours: BusinessWindow[];
  members: MemberInput[];
};

export type Routing = 'round_robin' | 'least_busy' | 'manual';

export type Queue = {
  id: string;
  name: string;
  team_id: string;
  routing: Routing;
};

export type SaveQueueRequest = { name: string; team_id: string; routing: Routing };

export type PresenceRequest = { status: Presence };

// --- SLA (crates/support/src/sla.rs) --------------------------------------------

/** Targets in business minutes of the ticket's team (or the company's hours). */
export type SlaPolicy = {
  priority: Priority;
  first_response_minutes: number;
  resolution_minutes: number;
};

// --- canned responses (crates/support/src/canned) -------------------------------

export type CannedResponse = {
  id: string;
  /** Typed after "/" in the composer. */
  shortcut: string;
  title: string;
  /** May use {{customer.name}}, {{customer.first_name}}, {{agent.name}}, {{ticket.number}}. */
  body: string;
};

export type SaveCannedRequest = { shortcut: string; title: string; body: string };

// --- triage (crates/support/src/triage) -----------------------------------------

export type TriageRule = {
  id: string;
  position: number;
  /** Any of these words (case and accents ignored) matches. */
  keywords: string[];
  category: string | null;
  priority: Priority | null;
  team_id: string | null;
};

/** PUT /triage-rules replaces the list; the first rule that matches wins, in this order. */
export type TriageRuleInput = {
  keywords: string[];
  category: string | null;
  priority: Priority | null;
  team_id: string | null;
};
