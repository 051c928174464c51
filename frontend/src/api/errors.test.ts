import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { duplicateOf, isApiErrorBody, networkProblem, problemFromResponse } from './errors';

describe('problemFromResponse', () => {
  it("uses the API's own message, code and details", () => {
    const body = {
      code: 'duplicate_receipt',
      message: 'Usted ya subió este archivo (recibo 7).',
      details: { receipt_id: 7 },
    };
    const problem = problemFromResponse(409, body, es);
    expect(problem).toMatchObject({ status: 409, code: 'duplicate_receipt', message: body.message });
    expect(duplicateOf(problem)).toBe(7);
  });

  it('words the numbers in a lockout and a size limit itself, agreeing in number', () => {
    const locked = (seconds: number) => ({
      code: 'too_many_attempts',
      message: `Demasiados intentos fallidos. Intente de nuevo en ${seconds} segundos.`,
      details: { retry_after: seconds },
    });
    expect(problemFromResponse(429, locked(1), es).message).toBe(
      'Demasiados intentos fallidos. Intente de nuevo en 1 segundo.',
    );
    expect(problemFromResponse(429, locked(2), en).message).toBe('Too many failed attempts. Try again in 2 seconds.');
    const tooLarge = {
      code: 'file_too_large',
      message: '… 16.5 MB.',
      details: { max_bytes: 16_500_000, max_mb: 16.5 },
    };
    expect(problemFromResponse(413, tooLarge, es).message).toBe(
      'El archivo es demasiado grande: el límite es 16,5 MB.',
    );
  });

  it("names the fields of a 422's details.errors", () => {
    const body = {
      code: 'invalid_request',
      message: 'Some fields are not valid: password, username.',
      details: {
        fields: 'password, username',
        errors: [
          { field: 'username', error: 'String should have at least 1 character' },
          { field: 'password', error: 'Field required' },
          { field: '', error: 'ignored: no field' },
        ],
      },
    };
    expect(problemFromResponse(422, body, en).fields).toEqual({
      username: 'String should have at least 1 character',
      password: 'Field required',
    });
  });

  it('says the server had a problem when a 5xx has no API body (a proxy page, say)', () => {
    const problem = problemFromResponse(502, '<html>Bad Gateway</html>', es);
    expect(problem.message).toBe(es.errServer);
    expect(problem.code).toBe('server_error');
  });

  it("explains a proxy's 413 page as a file too large", () => {
    expect(problemFromResponse(413, '<html>413</html>', es).message).toBe(es.errTooLarge);
  });

  it('names the status for other bodies it cannot read', () => {
    expect(problemFromResponse(418, null, en).message).toBe('The request failed (error 418).');
  });

  it('does not take an empty message from the server', () => {
    expect(isApiErrorBody({ code: 'x', message: '' })).toBe(false);
    expect(problemFromResponse(500, { code: 'x', message: '' }, en).message).toBe(en.errServer);
  });

  it('tolerates a body with no details', () => {
    const problem = problemFromResponse(404, { code: 'not_found', message: 'No encontrado.' }, es);
    expect(problem).toMatchObject({ message: 'No encontrado.', details: {}, fields: {} });
    expect(duplicateOf(problem)).toBeNull();
  });
});

describe('networkProblem', () => {
  it('has status 0 and a message in the given language', () => {
    expect(networkProblem(es)).toMatchObject({ status: 0, code: 'network', message: es.errNetwork });
  });
});

describe('over_limit', () => {
  it('words what the policy allows now the way every other number reads', () => {
    const body = {
      code: 'over_limit',
      message: 'Línea 4: la política permite 600000.00 ahora.',
      details: { expense_id: 4, eligible: '600000.00' },
    };
    expect(problemFromResponse(409, body, es).message).toBe(
      'Línea 4: la política permite 600.000 ahora. Para aprobar más, marque “Excepción a la política” y dé un motivo.',
    );
    expect(problemFromResponse(409, body, en).message).toContain('the policy allows 600,000 now');
  });
});
