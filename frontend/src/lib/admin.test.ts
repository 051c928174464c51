import { describe, expect, it } from 'vitest';
import type { Problem } from '../api/errors';
import { fieldProblems, isFieldProblem, pageFrom, searchOf } from './admin';

const problem = (code: string, fields: Record<string, string> = {}): Problem => ({
  status: 422,
  code,
  message: `message for ${code}`,
  details: {},
  fields,
});

describe('fieldProblems', () => {
  it('puts the API’s sentence under the field a refusal is about', () => {
    expect(fieldProblems(problem('work_use_percent_out_of_range'), 'check')).toEqual({
      work_use_percent: 'message for work_use_percent_out_of_range',
    });
    expect(fieldProblems(problem('policy_overlap'), 'check')).toEqual({ effective_from: 'message for policy_overlap' });
    expect(isFieldProblem(problem('negative_cap'))).toBe(true);
    expect(isFieldProblem(problem('policy_terms_missing'))).toBe(false);
  });

  it('marks each field a schema refusal lists, without its nesting', () => {
    expect(fieldProblems(problem('invalid_request', { 'policy.cap': 'x', name_es: 'y' }), 'check', 'policy.')).toEqual({
      cap: 'check',
      name_es: 'check',
    });
    expect(fieldProblems(null, 'check')).toEqual({});
  });
});

describe('URL helpers', () => {
  it('read a page number and write only the values given', () => {
    expect(pageFrom(new URLSearchParams('page=4'))).toBe(4);
    expect(pageFrom(new URLSearchParams('page=-1'))).toBe(1);
    expect(
      searchOf([
        ['a', ''],
        ['b', 2],
        ['c', null],
        ['d', 'x y'],
      ]),
    ).toBe('?b=2&d=x+y');
    expect(searchOf([])).toBe('');
  });
});
