import { describe, expect, it } from 'vitest';
import { findPlaceholders, MissingVariableError, secretNames, substitute, substituteDeep } from '../../../shared/flow/variables.js';

describe('placeholders', () => {
  const values = { vars: { host: 'http://127.0.0.1:1', user: 'demo' }, secrets: { PW: 's3cret' } };
  it('finds and substitutes variables and secrets', () => {
    expect(findPlaceholders('{{host}}/a?u={{ user }}&p={{secret:PW}}').map((p) => [p.name, p.secret])).toEqual([
      ['host', false],
      ['user', false],
      ['PW', true],
    ]);
    expect(substitute('{{host}}/login', values)).toBe('http://127.0.0.1:1/login');
    expect(substituteDeep({ a: ['{{user}}', 1], b: '{{secret:PW}}' }, values)).toEqual({ a: ['demo', 1], b: 's3cret' });
    expect(secretNames('{{secret:PW}} {{secret:PW}} {{x}}')).toEqual(['PW']);
  });
  it('names what is missing and how to set it', () => {
    expect(() => substitute('{{nope}}', values)).toThrow(MissingVariableError);
    expect(() => substitute('{{secret:TOKEN}}', values)).toThrow(/not granted to this run, or not set \(export CRAWLWRIGHT_SECRET_TOKEN=… or TOKEN=…/);
  });
});
