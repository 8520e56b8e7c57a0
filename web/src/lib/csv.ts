import { saveBlob } from './download';

// CSV as Excel in pt-BR opens it by double-click: `;` between cells (the
// comma is the decimal mark), a UTF-8 byte order mark so accents survive,
// CRLF line ends. Text that a spreadsheet would run as a formula (a
// category named "=HYPERLINK(…)") is neutralised with a leading `'`.

/** A cell: text is written as is (quoted when needed), numbers with a decimal comma, null as empty. */
export type CsvCell = string | number | null | undefined;

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
/** What starts a formula in Excel, LibreOffice and Google Sheets (tab and CR too, per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

function numberCell(value: number): string {
  if (!Number.isFinite(value)) return '';
  // No thousands separator: "1234,5", which Excel pt-BR reads as a number.
  return String(value).replace('.', ',');
}

/** One cell's text: neutralised when it could run as a formula, quoted when it holds `;`, quotes or line breaks. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberCell(value);
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (/[;"\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** Rows (the first one the header) → the file's text, with the BOM. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** Cents as reais for a spreadsheet: 123456 → 1234.56 (written "1234,56"). */
export const centsToReais = (cents: number) => Math.round(cents) / 100;

/** Builds the file and hands it to the browser as a download. */
export function downloadCsv(filename: string, rows: readonly (readonly CsvCell[])[]) {
  const name = filename.endsWith('.csv') ? filename : `${filename}.csv`;
  saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), name);
}
