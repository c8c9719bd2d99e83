import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaText } from './schema-text.js';

describe('schemaText', () => {
  it('renders objects, optional and nullable fields, arrays, enums and refs', () => {
    const text = schemaText({
      type: 'object',
      required: ['id', 'tags'],
      properties: {
        id: { type: 'string', description: 'the id' },
        tags: { type: 'array', items: { type: 'string' } },
        band: { type: 'string', enum: ['low', 'high', null], nullable: true },
        owner: { $ref: '#/components/schemas/Owner' },
        extra: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    });
    assert.equal(
      text,
      [
        '{',
        '  id: string  // the id',
        '  tags: string[]',
        '  band?: "low" | "high" | null',
        '  owner?: Owner',
        '  extra?: {',
        '    [key: string]: integer',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('parenthesises unions inside arrays', () => {
    assert.equal(schemaText({ type: 'array', items: { enum: ['a', 'b'] } }), '("a" | "b")[]');
  });
});
