import { ValidationError, ValidationOptions, registerDecorator, validate } from 'class-validator';
import { daysInMonth } from '../graph/partial-date';
import type { ValidatorFn } from 'type-graphql';
import { badInput } from './errors';

export const MAX_NAME_LENGTH = 200;
export const FIRST_YEAR = 1949;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a name cannot be stored, or null. Shared by the decorators and by plain arguments. */
export function nameProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be text';
  if (value.length === 0) return 'must not be empty';
  if (value.trim().length === 0) return 'must not be only whitespace';
  if ([...value].length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters, got ${[...value].length}`;
  if (CONTROL.test(value)) return 'must not contain control characters (tabs, line breaks, NUL…)';
  return null;
}

/** Honors in this graph start with the People's Republic; a year after next is a typo. */
export function yearProblem(value: unknown): string | null {
  const last = new Date().getFullYear() + 1;
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole year';
  if (value < FIRST_YEAR || value > last) return `must be between ${FIRST_YEAR} and ${last}, got ${value}`;
  return null;
}

/** A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, within the years above, and one the calendar has. */
export function dateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(value)) {
    return 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';
  }
  const [year, month, day] = value.split('-').map(Number);
  if (day !== undefined) {
    const days = daysInMonth(year, month);
    if (day > days) return `is not a calendar date: ${value.slice(0, 7)} has ${days} days, got ${value}`;
  }
  return yearProblem(year);
}

/** Throws BAD_USER_INPUT naming `field` when `problem` finds something. */
export function check(field: string, value: unknown, problem: (value: unknown) => string | null): void {
  const found = problem(value);
  if (found) throw badInput(field, found);
}

function decorator(name: string, problem: (value: unknown) => string | null, each = false) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options,
        validator: {
          validate: (value: unknown) =>
            value == null || (each ? Array.isArray(value) && value.every((v) => !problem(v)) : !problem(value)),
          defaultMessage: (args) => {
            const values = each && Array.isArray(args?.value) ? args!.value : [args?.value];
            const bad = values.map((v: unknown) => problem(v)).find(Boolean);
            return bad ?? 'is not valid';
          },
        },
      });
}

export const IsName = decorator('isName', nameProblem);
export const AreNames = decorator('areNames', nameProblem, true);
export const IsYear = decorator('isYear', yearProblem);

function firstProblem(errors: ValidationError[], prefix: string): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * type-graphql's validateFn: runs class-validator on every input object and turns the first
 * problem into BAD_USER_INPUT whose message starts with the field (`name: must not be empty`,
 * `rows[2].year: …`), instead of a generic "Argument Validation Error".
 */
export const validateInput: ValidatorFn = async (argValue) => {
  if (argValue === null || typeof argValue !== 'object') return;
  const items = Array.isArray(argValue) ? argValue : [argValue];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { skipMissingProperties: true, forbidUnknownValues: false });
    const problem = firstProblem(errors, Array.isArray(argValue) ? `rows[${index}]` : '');
    if (problem) throw badInput(problem.field, problem.message);
  }
};
