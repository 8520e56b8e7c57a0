// Names for the generated OpenAPI types (src/lib/api/schema.d.ts, made by
// `npm run gen:api` from openapi.json). Never edit the generated file.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

/**
 * The filters of a list endpoint: its query parameters without the paging
 * ones (`limit`, `cursor`), which the infinite queries add.
 */
export type ListFilters<Op extends keyof operations> = Omit<NonNullable<operations[Op]['parameters']['query']>, 'limit' | 'cursor'>;

export type TokenPair = Schemas['TokenPair'];
export type SignupRequest = Schemas['SignupRequest'];
export type SignupAccepted = Schemas['SignupAccepted'];
export type ConfirmEmailRequest = Schemas['ConfirmEmailRequest'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];
export type LoginRequest = Schemas['LoginRequest'];
export type RefreshRequest = Schemas['RefreshRequest'];
export type LogoutRequest = Schemas['LogoutRequest'];
export type ForgotPasswordRequest = Schemas['ForgotPasswordRequest'];
export type ResetPasswordRequest = Schemas['ResetPasswordRequest'];
export type AcceptInvitationRequest = Schemas['AcceptInvitationRequest'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type Me = Schemas['Me'];
export type MeCompany = Me['company'];
export type User = Schemas['User'];
export type Role = User['role'];
export type UserPage = Schemas['UserPage'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type Invitation = Schemas['Invitation'];
export type InvitationPage = Schemas['InvitationPage'];
export type CreateInvitationRequest = Schemas['CreateInvitationRequest'];
export type Company = Schemas['Company'];
export type Address = Schemas['Address'];
export type BusinessHours = Schemas['BusinessHours'];
export type UpdateCompanyRequest = Schemas['UpdateCompanyRequest'];
export type Plan = Schemas['Plan'];
export type PlanLimits = Schemas['PlanLimits'];
export type PlanUsage = Schemas['PlanUsage'];
export type CompanyPlan = Schemas['CompanyPlan'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

// CRM
export type Customer = Schemas['Customer'];
export type CustomerKind = Schemas['CustomerKind'];
export type CustomerStatus = Schemas['CustomerStatus'];
export type CustomerDetail = Schemas['CustomerDetail'];
export type CustomerPage = Schemas['CustomerPage'];
export type CreateCustomerRequest = Schemas['CreateCustomerRequest'];
export type UpdateCustomerRequest = Schemas['UpdateCustomerRequest'];
export type CreatedCustomer = Schemas['CreatedCustomer'];
export type DuplicateHint = Schemas['DuplicateHint'];
export type MergeRequest = Schemas['MergeRequest'];
export type Contact = Schemas['Contact'];
export type ContactRequest = Schemas['ContactRequest'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type TimelinePage = Schemas['TimelinePage'];
export type NoteRequest = Schemas['NoteRequest'];
export type CustomField = Schemas['CustomField'];
export type FieldType = Schemas['FieldType'];
export type CreateCustomFieldRequest = Schemas['CreateCustomFieldRequest'];
export type Product = Schemas['Product'];
export type ProductPage = Schemas['ProductPage'];
export type ProductRequest = Schemas['ProductRequest'];
export type UpdateProductRequest = Schemas['UpdateProductRequest'];
export type Billing = Schemas['Billing'];
export type Pipeline = Schemas['Pipeline'];
export type Stage = Schemas['Stage'];
export type StageKind = Schemas['StageKind'];
export type StageInput = Schemas['StageInput'];
export type PipelineRequest = Schemas['PipelineRequest'];
export type Board = Schemas['Board'];
export type BoardColumn = Schemas['BoardColumn'];
export type Opportunity = Schemas['Opportunity'];
export type OpportunityPage = Schemas['OpportunityPage'];
export type CreateOpportunityRequest = Schemas['CreateOpportunityRequest'];
export type UpdateOpportunityRequest = Schemas['UpdateOpportunityRequest'];
export type MoveRequest = Schemas['MoveRequest'];
export type LineItem = Schemas['LineItem'];
export type ItemInput = Schemas['ItemInput'];
export type Proposal = Schemas['Proposal'];
export type ProposalStatus = Schemas['ProposalStatus'];
export type ProposalPage = Schemas['ProposalPage'];
export type ProposalVersion = Schemas['ProposalVersion'];
export type CreateProposalRequest = Schemas['CreateProposalRequest'];
export type UpdateProposalRequest = Schemas['UpdateProposalRequest'];
export type SendProposalRequest = Schemas['SendProposalRequest'];
export type ProposalInChatRequest = Schemas['ProposalInChatRequest'];
export type InvoiceInChatRequest = Schemas['InvoiceInChatRequest'];
export type SentProposal = Schemas['SentProposal'];
export type ProposalLink = Schemas['ProposalLink'];
export type Contract = Schemas['Contract'];
export type ContractStatus = Schemas['ContractStatus'];
export type ContractPage = Schemas['ContractPage'];
export type CreateContractRequest = Schemas['CreateContractRequest'];
export type CancelContractRequest = Schemas['CancelContractRequest'];
export type CustomerImport = Schemas['CustomerImport'];
export type UploadedImport = Schemas['UploadedImport'];
export type ImportStatus = Schemas['ImportStatus'];
export type ImportRowError = Schemas['RowError'];
export type StartImportRequest = Schemas['StartImportRequest'];

// Values the list filters accept (a query parameter outside them is a 422
// naming it).
export type CustomerSort = Schemas['CustomerSort'];
export type TicketView = Schemas['TicketView'];
/** `open` (the default) is open + pending + waiting_customer; `any` is everything. */
export type TicketStatusFilter = Schemas['TicketStatusFilter'];
export type SlaFilter = Schemas['SlaFilter'];

// Background jobs that failed every attempt (owner/admin).
export type DeadJob = Schemas['DeadJob'];
export type DeadJobPage = Schemas['DeadJobPage'];

// The customer's side of a proposal (public link, no login).
export type PublicProposal = Schemas['PublicProposal'];
export type AcceptProposalRequest = Schemas['AcceptRequest'];
export type RejectProposalRequest = Schemas['RejectRequest'];

/**
 * Values of a customer's custom fields, by key. The spec types the object as
 * opaque; these are the shapes the server accepts (text, number, date
 * `AAAA-MM-DD`, select, multiselect).
 */
export type CustomFieldValue = string | number | string[] | null;
export type CustomFieldValues = Record<string, CustomFieldValue>;

// Finance
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type InvoiceItem = Schemas['InvoiceItem'];
export type Invoice = Schemas['Invoice'];
export type InvoicePage = Schemas['InvoicePage'];
export type NewInvoiceItem = Schemas['NewInvoiceItem'];
export type CreateInvoiceRequest = Schemas['CreateInvoiceRequest'];
export type CancelInvoiceRequest = Schemas['CancelInvoiceRequest'];
export type SendInvoiceRequest = Schemas['SendInvoiceRequest'];
export type SentInvoice = Schemas['SentInvoice'];
export type PublicLink = Schemas['PublicLink'];
export type PixCharge = Schemas['PixCharge'];
export type PublicInvoice = Schemas['PublicInvoice'];
export type CardCheckout = Schemas['CardCheckout'];
export type ChargeMethod = Schemas['ChargeMethod'];
export type ChargeRequest = Schemas['ChargeRequest'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type PaymentStatus = Schemas['PaymentStatus'];
export type PaymentAllocation = Schemas['PaymentAllocation'];
export type Payment = Schemas['Payment'];
export type PaymentPage = Schemas['PaymentPage'];
export type RegisterPaymentRequest = Schemas['RegisterPaymentRequest'];
export type RefundRequest = Schemas['RefundRequest'];
export type CustomerCredit = Schemas['CustomerCredit'];
export type SubscriptionStatus = Schemas['SubscriptionStatus'];
export type Subscription = Schemas['Subscription'];
export type SubscriptionPage = Schemas['SubscriptionPage'];
export type CreateSubscriptionRequest = Schemas['CreateSubscriptionRequest'];
export type ChangeSubscriptionPlanRequest = Schemas['ChangeSubscriptionPlanRequest'];
export type CancelSubscriptionRequest = Schemas['CancelSubscriptionRequest'];
export type FinanceSettings = Schemas['FinanceSettings'];
export type UpdateFinanceSettings = Schemas['UpdateFinanceSettings'];
export type GatewayProvider = Schemas['GatewayProvider'];
export type Gateway = Schemas['Gateway'];
export type SaveGatewayRequest = Schemas['SaveGatewayRequest'];
export type ConnectionTest = Schemas['ConnectionTest'];
export type ReceivableBucket = Schemas['ReceivableBucket'];
export type Receivables = Schemas['Receivables'];
export type MonthCash = Schemas['MonthCash'];
export type FinanceSummary = Schemas['FinanceSummary'];
// The spec documents `status` of these lists as a string; the server accepts
// the statuses of the listed thing.
export type InvoiceFilter = ListFilters<'list_invoices'> & { status?: InvoiceStatus };
export type PaymentFilter = ListFilters<'list_payments'> & { status?: PaymentStatus };
export type SubscriptionFilter = ListFilters<'list_subscriptions'> & { status?: SubscriptionStatus };
export type FinancePeriod = NonNullable<operations['summary']['parameters']['query']>;

// Support
export type TicketStatus = Schemas['TicketStatus'];
export type Priority = Schemas['Priority'];
export type Direction = Schemas['Direction'];
export type DeliveryStatus = Schemas['DeliveryStatus'];
export type SlaStatus = Schemas['SlaStatus'];
export type ChannelKind = Schemas['ChannelKind'];
export type Ticket = Schemas['Ticket'];
export type TicketPage = Schemas['TicketPage'];
export type ViewCounts = Schemas['ViewCounts'];
export type AttachmentInfo = Schemas['AttachmentInfo'];
export type Message = Schemas['Message'];
export type MessagePage = Schemas['MessagePage'];
/** A record of another module shown as a card in the thread (a proposal sent into the chat, its acceptance). */
export type MessageCard = Schemas['MessageCard'];
export type MessageCardKind = MessageCard['kind'];
export type TemplateRef = Schemas['TemplateRef'];
export type ReplyRequest = Schemas['ReplyRequest'];
export type UpdateTicketRequest = Schemas['UpdateTicketRequest'];
export type TransferRequest = Schemas['TransferRequest'];
export type SnoozeRequest = Schemas['SnoozeRequest'];
export type TicketMergeRequest = Schemas['TicketMergeRequest'];
export type Activity = Schemas['Activity'];
export type RenderedCanned = Schemas['RenderedCanned'];
export type Channel = Schemas['Channel'];
export type SenderStatus = Schemas['SenderStatus'];
export type VerifySenderRequest = Schemas['VerifySenderRequest'];
export type RotatedSecret = Schemas['RotatedSecret'];
export type LinkCustomerRequest = Schemas['LinkCustomerRequest'];
export type SaveChannelRequest = Schemas['SaveChannelRequest'];
export type ChannelTest = Schemas['ChannelTest'];
export type BusinessWindow = Schemas['BusinessWindow'];
export type Member = Schemas['Member'];
export type Team = Schemas['Team'];
export type MemberInput = Schemas['MemberInput'];
export type SaveTeamRequest = Schemas['SaveTeamRequest'];
export type Routing = Schemas['Routing'];
export type Queue = Schemas['Queue'];
export type SaveQueueRequest = Schemas['SaveQueueRequest'];
export type SlaPolicy = Schemas['SlaPolicy'];
export type CannedResponse = Schemas['CannedResponse'];
export type SaveCannedRequest = Schemas['SaveCannedRequest'];
export type TriageRule = Schemas['TriageRule'];
export type TriageRuleInput = Schemas['TriageRuleInput'];
// AI triage
export type Intent = Schemas['Intent'];
export type Sentiment = Schemas['Sentiment'];
export type TriageEngine = Schemas['TriageEngine'];
export type Triaged = Schemas['Triaged'];
export type TicketTriage = Schemas['TicketTriage'];
export type ReplySuggestions = Schemas['ReplySuggestions'];
export type ReplySuggestion = Schemas['ReplySuggestion'];
export type TriagePreviewRequest = Schemas['PreviewRequest'];
export type TriageAccuracy = Schemas['TriageAccuracy'];
export type AccuracyRow = Schemas['AccuracyRow'];
// The company's LLM (owners and admins)
export type LlmProviderKind = Schemas['LlmProviderKind'];
export type AiSettings = Schemas['AiSettings'];
export type AiSettingsInput = Schemas['AiSettingsInput'];
export type AiUsage = Schemas['AiUsage'];
export type AiUsageRow = Schemas['AiUsageRow'];
// The company's LLM helping an agent: a ticket's summary, a draft reply
export type TicketSummary = Schemas['TicketSummary'];
export type OfflineSummary = Schemas['OfflineSummary'];
export type SummaryPoint = Schemas['SummaryPoint'];
export type LlmSummary = Schemas['LlmSummary'];
export type ReplyDraft = Schemas['ReplyDraft'];
export type Grounding = Schemas['Grounding'];
// The service bot ("Bot IA"): its settings (Automação → Bot), a simulated chat, and its state on a ticket
export type BotSettings = Schemas['BotSettings'];
export type BotAction = Schemas['BotAction'];
export type BotMenuOption = Schemas['MenuOption'];
export type BotFaqEntry = Schemas['FaqEntry'];
export type BotPreview = Schemas['BotPreview'];
export type BotPreviewTurn = Schemas['BotPreviewTurn'];
export type BotPreviewRequest = Schemas['BotPreviewRequest'];
/** `step` is a plain string in the spec: menu, choose_invoice, choose_faq, ask_document, handed_over, silent. */
export type TicketBot = Schemas['BotConversationView'];
export type TicketFilter = ListFilters<'list_tickets'>;
/** An agent's presence; the spec documents `PresenceRequest.status` as a string. */
export type Presence = 'online' | 'away' | 'offline';
/**
 * `Message.extra` is free-form JSON from the channels (the spec types it as
 * an opaque object): read it through the guards in support's
 * utils/message-extra.ts, which keep only well-formed parts.
 */
export type MessageExtra = Record<string, unknown>;
// Webhook inbox (channels and gateways)
export type InboxPage = Schemas['InboxPage'];
export type InboxEntry = Schemas['InboxEntry'];
export type InboxStatus = Schemas['InboxStatus'];
export type EventKind = Schemas['EventKind'];
export type Flow = Schemas['Flow'];
export type FlowStatus = Schemas['FlowStatus'];
export type SaveFlowRequest = Schemas['SaveFlowRequest'];
export type FlowCondition = Schemas['Condition'];
export type FlowLeaf = Schemas['Leaf'];
export type FlowOp = Schemas['Op'];
export type FlowAction = Schemas['Action'];
export type FlowDefinition = Schemas['Definition'];
export type FlowRun = Schemas['Run'];
export type FlowRunPage = Schemas['RunPage'];
export type FlowStep = Schemas['Step'];
export type DryRunResult = Schemas['DryRunResult'];
export type AutomationTrigger = Schemas['Trigger'];
export type AutomationTriggerField = Schemas['TriggerField'];

export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointWithSecret'];
export type CreateWebhookRequest = Schemas['CreateWebhookRequest'];
export type UpdateWebhookRequest = Schemas['UpdateWebhookRequest'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryPage = Schemas['WebhookDeliveryPage'];
export type WebhookDeliveryStatus = Schemas['WebhookDeliveryStatus'];
export type FlowRunStatus = Schemas['RunStatus'];
export type FlowVersion = Schemas['FlowVersion'];
export type FlowWaitUnit = Schemas['WaitUnit'];
export type FlowInvoiceVia = Schemas['InvoiceVia'];
export type WhatsappTemplate = Schemas['WhatsappTemplate'];
export type GalleryItem = Schemas['GalleryItem'];

// The global search (header box, Ctrl+K): one request, grouped by kind, only the groups the role may open
export type SearchKind = Schemas['SearchKind'];
export type SearchHit = Schemas['SearchHit'];
export type SearchResults = Schemas['SearchResults'];

// Insights: customers at risk of leaving, and what tickets are about lately
export type RiskLevel = Schemas['RiskLevel'];
export type RiskReason = Schemas['Reason'];
export type CustomerRisk = Schemas['CustomerRisk'];
export type RiskPage = Schemas['RiskPage'];
export type TopicTrends = Schemas['TopicTrends'];
export type CategoryTrend = Schemas['CategoryTrend'];
export type RisingTerm = Schemas['RisingTerm'];

// Dashboard (the app's home): one section per area, each for the period asked and the one before it
export type DashboardPeriod = Schemas['PeriodKind'];
export type DashboardRange = Schemas['Range'];
/** `own`: an agent's (or a salesperson's) own numbers; `company`: everyone's. */
export type DashboardScope = Schemas['Scope'];
export type Compare = Schemas['Compare'];
export type Durations = Schemas['Durations'];
export type Ratio = Schemas['Ratio'];
export type Share = Schemas['Share'];
export type Csat = Schemas['Csat'];
export type QueueBacklog = Schemas['QueueBacklog'];
export type SupportDay = Schemas['SupportDay'];
export type SupportDashboard = Schemas['SupportDashboard'];
export type StageValue = Schemas['StageValue'];
export type SalesDay = Schemas['SalesDay'];
export type SalesDashboard = Schemas['SalesDashboard'];
export type AgeBucket = Schemas['AgeBucket'];
export type FinanceDay = Schemas['FinanceDay'];
export type FinanceDashboard = Schemas['FinanceDashboard'];
export type AgentStats = Schemas['AgentStats'];
export type AgentBoard = Schemas['AgentBoard'];
/** What a dashboard endpoint reads: `period`, and `from`/`to` (AAAA-MM-DD) for a custom one. */
export type DashboardQuery = { period: DashboardPeriod; from?: string; to?: string };
