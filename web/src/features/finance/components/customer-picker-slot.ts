import type { ReactNode } from 'react';

/** A customer as the finance forms keep it. */
export type CustomerRef = { id: string; name: string };

export type CustomerPickerProps = {
  label: string;
  value: CustomerRef | null;
  onChange: (customer: CustomerRef | null) => void;
  error?: string;
  autoFocus?: boolean;
};

/**
 * The customer search lives in the CRM feature; features do not import each
 * other, so the app layer hands the finance forms a picker through this slot.
 */
export type RenderCustomerPicker = (props: CustomerPickerProps) => ReactNode;
