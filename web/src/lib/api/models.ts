// Names for the generated OpenAPI types (src/lib/api/schema.d.ts, made by
// `npm run gen:api` from openapi.json). Never edit the generated file.
import type { components } from './schema';

type Schemas = components['schemas'];

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
export type SentProposal = Schemas['SentProposal'];
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

// Webhook inbox (channels and gateways)
export type InboxPage = Schemas['InboxPage'];
export type InboxEntry = Schemas['InboxEntry'];
export type InboxStatus = Schemas['InboxStatus'];
