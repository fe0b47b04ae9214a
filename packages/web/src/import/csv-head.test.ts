import { describe, expect, it } from 'vitest';
import { parseCsvRecords, readCsvHead } from './csv-head.ts';

describe('parseCsvRecords', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(parseCsvRecords('a,b\r\n"x, y","say ""hi""\nthere"\n', true)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('drops a record cut off at the end of an incomplete read, and blank lines', () => {
    expect(parseCsvRecords('a,b\n\n1,2\n3,', false)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('readCsvHead', () => {
  it('answers the header and the first rows', async () => {
    const file = new Blob(['\ufeffCompany Name,Website\nAcme,acme.example\nBeta,beta.example\n']);
    expect(await readCsvHead(file, 1)).toEqual({
      header: ['Company Name', 'Website'],
      rows: [['Acme', 'acme.example']],
    });
  });
});
