import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { isApiError } from './problem';

/** "business_hours[2].opens" → "business_hours.2.opens", as react-hook-form names fields. */
export function toFormPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

function isKnown(path: string, fields: readonly string[]) {
  return fields.some((name) => path === name || path.startsWith(`${name}.`));
}

/** Puts a problem's field errors onto the form's fields (and focuses the first). */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: (path: string) => string = (path) => path,
): void {
  if (!isApiError(error)) return;
  let focused = false;
  for (const { field, message } of error.fieldErrors) {
    const path = rename(toFormPath(field));
    if (isKnown(path, fields)) {
      setError(path as Path<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    }
  }
}

/** The field errors that match no field of the form, for the form-level alert. */
export function unmatchedFieldErrors(
  error: unknown,
  fields: readonly string[],
  rename: (path: string) => string = (path) => path,
): string[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors
    .filter(({ field }) => !isKnown(rename(toFormPath(field)), fields))
    .map(({ field, message }) => (field ? `${field}: ${message}` : message));
}
