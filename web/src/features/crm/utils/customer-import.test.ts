import { describe, expect, it } from 'vitest';

import {
  delimiterLabel,
  errorFieldLabel,
  errorsFileName,
  errorsToCsv,
  formatFileSize,
  IMPORT_FIELD_LABELS,
  importFieldLabel,
  initialMapping,
  mappingForRequest,
  progressPercent,
  repeatedColumns,
} from './customer-import';

const FIELDS = [
  'name',
  'trade_name',
  'kind',
  'document',
  'email',
  'phone',
  'status',
  'tags',
  'notes',
  'cep',
  'street',
  'number',
  'complement',
  'district',
  'city',
  'state',
];

describe('field labels', () => {
  it('names every field the server offers in Portuguese', () => {
    for (const field of FIELDS) expect(IMPORT_FIELD_LABELS[field], field).toBeTruthy();
    expect(importFieldLabel('document')).toBe('CPF/CNPJ');
    expect(importFieldLabel('kind')).toBe('Tipo (PF/PJ)');
    expect(importFieldLabel('state')).toBe('UF');
    expect(importFieldLabel('something_new')).toBe('something_new');
  });

  it('reads the paths of row errors', () => {
    expect(errorFieldLabel('document')).toBe('CPF/CNPJ');
    expect(errorFieldLabel('emails.0')).toBe('E-mail');
    expect(errorFieldLabel('emails.1')).toBe('E-mail 2');
    expect(errorFieldLabel('phones.0')).toBe('Telefone');
    expect(errorFieldLabel('address.cep')).toBe('CEP');
    expect(errorFieldLabel('address.state')).toBe('UF');
    expect(errorFieldLabel('custom_fields.x')).toBe('custom_fields.x');
  });
});

describe('initialMapping', () => {
  const columns = ['Nome', 'CPF/CNPJ', 'E-mail', 'Cidade'];

  it('takes the server’s suggestion and leaves the rest unmapped', () => {
    const mapping = initialMapping({ fields: FIELDS, columns, suggested: { name: 'Nome', document: 'CPF/CNPJ', city: 'Cidade' } });
    expect(mapping.name).toBe('Nome');
    expect(mapping.document).toBe('CPF/CNPJ');
    expect(mapping.city).toBe('Cidade');
    expect(mapping.email).toBe('');
    expect(Object.keys(mapping)).toEqual(FIELDS);
  });

  it('ignores suggestions naming a column the file lacks', () => {
    expect(initialMapping({ fields: ['name'], columns, suggested: { name: 'Razão social' } }).name).toBe('');
  });

  it('keeps an earlier choice over the suggestion, including “not imported”', () => {
    const mapping = initialMapping({
      fields: ['name', 'email', 'city'],
      columns,
      suggested: { name: 'Nome', city: 'Cidade' },
      previous: { name: 'Nome', email: 'E-mail' },
    });
    expect(mapping).toEqual({ name: 'Nome', email: 'E-mail', city: '' });
  });

  it('falls back to the suggestion when the earlier column is gone', () => {
    const mapping = initialMapping({ fields: ['name'], columns, suggested: { name: 'Nome' }, previous: { name: 'Razão' } });
    expect(mapping.name).toBe('Nome');
  });
});

describe('mapping helpers', () => {
  it('sends only mapped fields', () => {
    expect(mappingForRequest({ name: 'Nome', email: '', document: 'CPF/CNPJ' })).toEqual({ name: 'Nome', document: 'CPF/CNPJ' });
  });

  it('finds a column used twice', () => {
    expect(repeatedColumns({ name: 'Nome', trade_name: 'Nome', email: '', city: 'Cidade' })).toEqual(['Nome']);
    expect(repeatedColumns({ name: 'Nome', email: '' })).toEqual([]);
  });
});

describe('errorsToCsv', () => {
  it('writes a ; separated file with a BOM and CRLF lines', () => {
    const csv = errorsToCsv([
      { line: 3, field: 'document', message: 'CPF: dígitos verificadores inválidos.' },
      { line: 7, field: 'emails.0', message: 'E-mail inválido; confira.' },
      { line: 9, field: 'name', message: 'Diz "olá"\nnova linha' },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Linha;Campo;Mensagem',
      '3;CPF/CNPJ;CPF: dígitos verificadores inválidos.',
      '7;E-mail;"E-mail inválido; confira."',
      '9;Nome;"Diz ""olá""\nnova linha"',
      '',
    ]);
  });

  it('quotes commas only when they separate', () => {
    expect(errorsToCsv([{ line: 2, field: 'name', message: 'a, b' }], ',').slice(1)).toBe('Linha,Campo,Mensagem\r\n2,Nome,"a, b"\r\n');
    expect(errorsToCsv([{ line: 2, field: 'name', message: 'a, b' }]).slice(1)).toBe('Linha;Campo;Mensagem\r\n2;Nome;a, b\r\n');
  });

  it('names the file after the import', () => {
    expect(errorsFileName('clientes.csv')).toBe('clientes-erros.csv');
    expect(errorsFileName('base/antiga.CSV')).toBe('base-antiga-erros.csv');
    expect(errorsFileName('.csv')).toBe('importacao-erros.csv');
  });
});

describe('display helpers', () => {
  it('formats sizes and separators', () => {
    expect(formatFileSize(900)).toBe('900 bytes');
    expect(formatFileSize(1536)).toBe('1,5 KB');
    expect(formatFileSize(3 * 1024 * 1024)).toBe('3 MB');
    expect(delimiterLabel(';')).toBe('ponto e vírgula (;)');
    expect(delimiterLabel('\t')).toBe('tabulação');
  });

  it('computes progress', () => {
    expect(progressPercent(0, 200)).toBe(0);
    expect(progressPercent(50, 200)).toBe(25);
    expect(progressPercent(300, 200)).toBe(100);
    expect(progressPercent(0, 0)).toBe(100);
  });
});
