import { describe, expect, it } from 'vitest';
import { text } from '@/utils/report/statement';

describe('text part', () => {
  it('is a value when there is one, with its bound and class only when given', () => {
    expect(text('example.com')).toStrictEqual({ text: 'example.com' });
    expect(text('example.com', 40)).toStrictEqual({ text: 'example.com', max: 40 });
    expect(text('example.com', undefined, 'host')).toStrictEqual({ text: 'example.com', cls: 'host' });
    expect(text('example.com', 40, 'host')).toStrictEqual({ text: 'example.com', max: 40, cls: 'host' });
  });
  it('says "unknown" for a missing or empty value, never an empty part', () => {
    expect(text(undefined)).toStrictEqual({ msg: 'value_unknown' });
    expect(text('', 40, 'host')).toStrictEqual({ msg: 'value_unknown' });
  });
});
