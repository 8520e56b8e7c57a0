import type { Ref } from 'react';

import { SelectField } from '@/components/ui/fields';
import { useAllUsers } from '@/lib/api/users';

type OwnerSelectProps = {
  label?: string;
  /** The option for "nobody" (or "me", where the server defaults to the current user). */
  emptyLabel: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  name?: string;
  error?: string;
  ref?: Ref<HTMLSelectElement>;
};

/**
 * "Responsável": the company's active people (plus the current owner if
 * deactivated). Controlled, so the chosen person shows even though the list
 * arrives after the form. Shared: the CRM's deals and customers, and the
 * automation editor's "Atribuir" and "Criar oportunidade".
 */
export function OwnerSelect({ label = 'Responsável', emptyLabel, value, onChange, onBlur, name, error, ref }: OwnerSelectProps) {
  const users = useAllUsers();
  const options = (users.data ?? []).filter((user) => user.active || user.id === value);
  return (
    <SelectField
      ref={ref}
      label={label}
      name={name}
      value={users.isPending ? '' : value}
      disabled={users.isPending}
      error={error}
      onBlur={onBlur}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{users.isPending ? 'Carregando…' : emptyLabel}</option>
      {options.map((user) => (
        <option key={user.id} value={user.id}>
          {user.name}
        </option>
      ))}
    </SelectField>
  );
}
