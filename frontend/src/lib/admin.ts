// Names for the admin's schema types, and what the setup pages share: which form field an API
// refusal is about, and the page number in a URL.
import type { Problem } from '../api/errors';
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Person = Schemas['PersonOut'];
export type PersonPage = Schemas['PagedPersonOut'];
export type PersonPatch = Schemas['PersonPatch'];
export type PeopleBulkPatch = Schemas['PeopleBulkPatch'];
export type ImportReport = Schemas['PeopleImportOut'];
export type RatesReport = Schemas['RatesImportOut'];
/** What the import panel shows for either file: people (with how the file was read) or rates. */
export type Report = ImportReport | RatesReport;
export type AdminCategory = Schemas['CategoryAdminOut'];
export type PolicyVersion = Schemas['PolicyOut'];
export type PolicyInput = Schemas['PolicyIn'];
export type Organization = Schemas['OrganizationOut'];
export type AdminEvent = Schemas['AdminEventOut'];
export type AdminEventPage = Schemas['PagedAdminEventOut'];
export type ActivationCode = Schemas['ActivationCodeOut'];

/** The words an import panel needs for its kind of file. */
export interface ImportLabels<R> {
  title: string;
  intro: string;
  columns: string;
  /** The "new rows" count's name: new people, new rates. */
  created: string;
  /** What to say once the file is imported. */
  done: (report: R) => string[];
}

/** The setup API's refusals that are about one field (see orgsetup/errors.py and catalog.py). */
const CODE_FIELDS: Record<string, string> = {
  // people
  own_account: 'role',
  employee_id_taken: 'employee_id',
  username_taken: 'username',
  end_before_start: 'end_date',
  // activation
  invalid_activation_code: 'code',
  weak_password: 'password',
  // categories and policy versions
  invalid_category_code: 'code',
  category_exists: 'code',
  policy_overlap: 'effective_from',
  invalid_policy_kind: 'kind',
  negative_cap: 'cap',
  invalid_cap: 'cap',
  negative_legal_floor: 'legal_floor',
  invalid_legal_floor: 'legal_floor',
  work_use_percent_out_of_range: 'work_use_percent',
  invalid_replacement_months: 'replacement_months',
  invalid_claim_window: 'claim_window_days',
  invalid_payroll_concept: 'payroll_concept',
  // organisation
  unknown_currency: 'currency',
  currency_locked: 'currency',
};

/**
 * Field name -> message for a refusal: the API's own sentence under the field it names; for a
 * request the schema refused, `checkValue` under each field it lists (its words are English-only).
 * `prefix` drops a nesting ("policy.cap" -> "cap").
 */
export function fieldProblems(problem: Problem | null, checkValue: string, prefix = ''): Record<string, string> {
  if (!problem) return {};
  const fields: Record<string, string> = {};
  for (const name of Object.keys(problem.fields)) {
    fields[prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name] = checkValue;
  }
  const field = CODE_FIELDS[problem.code];
  if (field) fields[field] = problem.message;
  return fields;
}

/** Whether the refusal is shown next to a field (else it is shown as a whole). */
export function isFieldProblem(problem: Problem): boolean {
  return problem.code in CODE_FIELDS;
}

/** `?page=3` as 3; anything else as the first page. */
export function pageFrom(query: URLSearchParams): number {
  const page = Number.parseInt(query.get('page') ?? '', 10);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** "?a=1&b=2" from the non-empty values, in the order given. */
export function searchOf(values: [string, string | number | null | undefined][]): string {
  const query = new URLSearchParams();
  for (const [name, value] of values) if (value !== '' && value != null) query.set(name, String(value));
  const search = query.toString();
  return search ? `?${search}` : '';
}
