import type { ImportRowError, ImportStatus } from '@/lib/api/models';

// Pure helpers of the customer CSV import: labels of the customer fields a
// column can feed, the initial column mapping, and the error report.

/** The server's limit for one file. */
export const IMPORT_MAX_BYTES = 40 * 1024 * 1024;

/** The customer fields in the server's order, as people read them. */
export const IMPORT_FIELD_LABELS: Record<string, string> = {
  name: 'Nome',
  trade_name: 'Nome fantasia',
  kind: 'Tipo (PF/PJ)',
  document: 'CPF/CNPJ',
  email: 'E-mail',
  phone: 'Telefone',
  status: 'Situação',
  tags: 'Etiquetas',
  notes: 'Observações',
  cep: 'CEP',
  street: 'Rua',
  number: 'Número',
  complement: 'Complemento',
  district: 'Bairro',
  city: 'Cidade',
  state: 'UF',
};

export const importFieldLabel = (field: string) => IMPORT_FIELD_LABELS[field] ?? field;

// What a row error's field names (the customer form's paths) mean to a person.
const ERROR_FIELD_LABELS: Record<string, string> = {
  ...IMPORT_FIELD_LABELS,
  emails: 'E-mail',
  phones: 'Telefone',
  'address.cep': 'CEP',
  'address.street': 'Rua',
  'address.number': 'Número',
  'address.complement': 'Complemento',
  'address.district': 'Bairro',
  'address.city': 'Cidade',
  'address.state': 'UF',
  address: 'Endereço',
  file: 'Arquivo',
};

/** "document" → "CPF/CNPJ", "emails.1" → "E-mail 2", "address.cep" → "CEP". */
export function errorFieldLabel(field: string): string {
  if (ERROR_FIELD_LABELS[field]) return ERROR_FIELD_LABELS[field];
  const listItem = /^(emails|phones)\.(\d+)$/.exec(field);
  if (listItem) {
    const index = Number(listItem[2]);
    const label = ERROR_FIELD_LABELS[listItem[1]];
    return index === 0 ? label : `${label} ${index + 1}`;
  }
  return field || '—';
}

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: 'Não iniciada',
  queued: 'Na fila',
  running: 'Importando',
  done: 'Concluída',
  failed: 'Nada importado',
};

export const IMPORT_STATUS_STYLES: Record<ImportStatus, string> = {
  uploaded: 'bg-slate-200 text-slate-700',
  queued: 'bg-sky-100 text-sky-800',
  running: 'bg-indigo-100 text-indigo-800',
  done: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};

/** Queued or running: the page keeps asking for progress. */
export const isImportInProgress = (status: ImportStatus) => status === 'queued' || status === 'running';

export function encodingLabel(encoding: string): string {
  if (encoding === 'utf-8') return 'UTF-8';
  if (encoding === 'latin-1') return 'Latin-1 (ISO-8859-1 / Windows-1252)';
  return encoding;
}

export function delimiterLabel(delimiter: string): string {
  if (delimiter === ';') return 'ponto e vírgula (;)';
  if (delimiter === ',') return 'vírgula (,)';
  if (delimiter === '\t') return 'tabulação';
  return `“${delimiter}”`;
}

const decimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** 1536 → "1,5 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`;
  return `${decimal.format(bytes / (1024 * 1024))} MB`;
}

/** Field → column ('' = not imported), for the mapping form. */
export type ColumnMapping = Record<string, string>;

/**
 * One entry per field: the column chosen before (an earlier attempt with the
 * same file) when the file still has it, else the server's suggestion, else
 * nothing.
 */
export function initialMapping({
  fields,
  columns,
  suggested,
  previous,
}: {
  fields: readonly string[];
  columns: readonly string[];
  suggested: Readonly<Record<string, string>>;
  previous?: Readonly<Record<string, string>> | null;
}): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of fields) {
    const before = previous?.[field];
    const guess = suggested[field];
    if (before && columns.includes(before)) mapping[field] = before;
    else if (previous && !before) mapping[field] = '';
    else if (guess && columns.includes(guess)) mapping[field] = guess;
    else mapping[field] = '';
  }
  return mapping;
}

/** What the API takes: only the fields that have a column. */
export function mappingForRequest(mapping: Readonly<ColumnMapping>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== ''));
}

/** Columns chosen for more than one field (allowed, but usually a slip). */
export function repeatedColumns(mapping: Readonly<ColumnMapping>): string[] {
  const seen = new Map<string, number>();
  for (const column of Object.values(mapping)) {
    if (column) seen.set(column, (seen.get(column) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([column]) => column);
}

function csvCell(value: string | number, delimiter: string): string {
  const text = String(value);
  return /["\r\n]/.test(text) || text.includes(delimiter) || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/**
 * The errors as a CSV that spreadsheets in Brazil open as they are: `;`
 * separated, CRLF lines, and a UTF-8 BOM so accents survive in Excel.
 */
export function errorsToCsv(errors: readonly ImportRowError[], delimiter = ';'): string {
  const lines = [['Linha', 'Campo', 'Mensagem'].join(delimiter)];
  for (const error of errors) {
    lines.push([error.line, errorFieldLabel(error.field), error.message].map((cell) => csvCell(cell, delimiter)).join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "clientes.csv" → "clientes-erros.csv". */
export function errorsFileName(filename: string): string {
  const base = filename.replace(/\.[^./\\]*$/, '').replace(/[\\/:*?"<>|]+/g, '-').trim() || 'importacao';
  return `${base}-erros.csv`;
}

/** Processed rows out of the total, 0–100 (a file with no rows is complete). */
export function progressPercent(processed: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round((processed / total) * 100)));
}
