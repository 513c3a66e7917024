import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LexhopError } from '../../src/errors.js';
import { describeIssue, fieldFromPointer, toErrorResponse } from '../../src/serve/http/errors.js';

describe('fieldFromPointer', () => {
  it('turns JSON pointers into property paths', () => {
    assert.equal(fieldFromPointer(''), '');
    assert.equal(fieldFromPointer('/limit'), 'limit');
    assert.equal(fieldFromPointer('/filters/dateFrom'), 'filters.dateFrom');
    assert.equal(fieldFromPointer('/documents/3/text'), 'documents[3].text');
    assert.equal(fieldFromPointer('/a~1b/c~0d'), 'a/b.c~d');
  });
});

describe('describeIssue', () => {
  it('names a missing property below its parent', () => {
    const params = { missingProperty: 'act' };
    const issue = { instancePath: '/filters', keyword: 'required', params };
    assert.deepEqual(describeIssue(issue), {
      field: 'filters.act',
      message: 'filters.act is required',
    });
  });

  it('names an unknown property', () => {
    const issue = {
      instancePath: '',
      keyword: 'additionalProperties',
      params: { additionalProperty: 'limt' },
    };
    assert.equal(describeIssue(issue).field, 'limt');
  });

  it('says what a date pattern means instead of quoting the regex', () => {
    const issue = {
      instancePath: '/asOf',
      keyword: 'pattern',
      params: { pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' },
    };
    assert.equal(describeIssue(issue).message, 'asOf must be a date as YYYY-MM-DD');
  });

  it('falls back to the part of the request when the whole part is wrong', () => {
    const issue = { instancePath: '', keyword: 'type', params: {}, message: 'must be object' };
    const described = describeIssue(issue, 'body');
    assert.deepEqual(described, { field: 'body', message: 'body must be object' });
  });
});

describe('toErrorResponse', () => {
  it('keeps the status, code and field of a LexhopError', () => {
    const error = new LexhopError('ERR_SEARCH_BAD_FILTER', 'dateFrom is after dateTo', {
      field: 'filters.dateFrom',
    });
    assert.deepEqual(toErrorResponse(error), {
      status: 400,
      body: {
        error: {
          code: 'ERR_SEARCH_BAD_FILTER',
          message: 'dateFrom is after dateTo',
          field: 'filters.dateFrom',
        },
      },
    });
  });

  it('hides the message of an unexpected error', () => {
    const response = toErrorResponse(new Error('SQLITE_CORRUPT at /secret/path'));
    assert.equal(response.status, 500);
    assert.deepEqual(response.body.error, { code: 'ERR_INTERNAL', message: 'internal error' });
  });
});
