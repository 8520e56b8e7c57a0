import { describe, expect, it, vi } from 'vitest';

import { centsToReais, csvCell, downloadCsv, toCsv } from './csv';

describe('CSV for Excel in pt-BR', () => {
  it('starts with a BOM, separates with ; and ends lines with CRLF', () => {
    const text = toCsv([
      ['Canal', 'Conversas'],
      ['WhatsApp', 3],
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('Canal;Conversas\r\nWhatsApp;3\r\n');
  });

  it('writes decimals with a comma and no thousands separator', () => {
    expect(csvCell(1234.5)).toBe('1234,5');
    expect(csvCell(centsToReais(123456))).toBe('1234,56');
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('leaves missing values empty', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes cells with the separator, quotes or line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('diz "oi"')).toBe('"diz ""oi"""');
    expect(csvCell('linha\nnova')).toBe('"linha\nnova"');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+55 11')).toBe("'+55 11");
    expect(csvCell('-dívida')).toBe("'-dívida");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    // A number is a number, not user text: negative values stay numbers.
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('cobrança')).toBe('cobrança');
  });

  it('downloads the file as UTF-8 CSV', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    downloadCsv('painel', [['a'], ['b']]);
    expect(click).toHaveBeenCalledOnce();
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await created[0].arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('a\r\nb\r\n');
  });
});
