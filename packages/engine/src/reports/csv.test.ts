import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';
import { medianOf } from './journey-report.ts';
import { bandOf } from './overview-report.ts';

describe('report CSV cells', () => {
  it('prefixes values a spreadsheet would run as a formula with a quote', () => {
    expect(['=SUM(A1)', '+1', '-2', '@cmd', '\tx'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tx",
    ]);
  });

  it('quotes commas, quotes and line breaks, and writes numbers as they are', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', -3, null])).toBe(
      '"a,b","say ""hi""","two\nlines",-3,\r\n',
    );
  });
});

describe('report arithmetic', () => {
  it('takes the median from duration buckets, averaging the two middle passes', () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ seconds: 10, passes: 1 }])).toBe(10_000);
    expect(
      medianOf([
        { seconds: 10, passes: 1 },
        { seconds: 20, passes: 1 },
      ]),
    ).toBe(15_000);
    expect(
      medianOf([
        { seconds: 10, passes: 2 },
        { seconds: 60, passes: 1 },
      ]),
    ).toBe(10_000);
  });

  it('puts a completion rate on a band boundary in the higher band', () => {
    expect([0, 24.9, 25, 50, 74.9, 75, 100].map(bandOf)).toEqual([
      '0-25',
      '0-25',
      '25-50',
      '50-75',
      '50-75',
      '75-100',
      '75-100',
    ]);
  });
});
