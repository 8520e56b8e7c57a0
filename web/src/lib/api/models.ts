// Names for the generated OpenAPI types (src/lib/api/schema.d.ts, made by
// `npm run gen:api` from openapi.json). Never edit the generated file.
import type { components } from './schema';

type Schemas = components['schemas'];

export type TokenPair = Schemas['TokenPair'];
export type SignupRequest = Schemas['SignupRequest'];
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
export type ChangePlanRequest = Schemas['ChangePlanRequest'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
