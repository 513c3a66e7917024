/** Parsers for option values; a bad value fails with ERR_CLI_USAGE naming the option. */
import { usageError } from './context.js';

/** A parser for a whole number in `[min, max]`. */
export function integerOption(
  option: string,
  min: number,
  max: number,
): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^-?[0-9]+$/.test(value.trim()) || number < min || number > max) {
      throw usageError(option, `must be a whole number from ${min} to ${max}, not "${value}"`);
    }
    return number;
  };
}

/** A parser for an ISO date that exists on the calendar (`2024-02-30` does not). */
export function dateOption(option: string): (value: string) => string {
  return (value) => {
    const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
    const date = match === null ? undefined : new Date(`${value}T00:00:00Z`);
    const real = date !== undefined && !Number.isNaN(date.getTime());
    if (!real || !date.toISOString().startsWith(value)) {
      throw usageError(option, `must be a date as YYYY-MM-DD, not "${value}"`);
    }
    return value;
  };
}

/** Collects a repeatable option that also takes comma lists: `--type LBK,LOV --type BEK`. */
export function listOption(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

/** Collects a repeatable option as given: `--token a --token b`. */
export function repeatOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
