import { z } from 'zod';

// The builders every stage's settings slice is written with, so that each key carries its range,
// its default (always one of the stage's own constants) and a description for the sample config
// and docs/configuration.md. zod is the only import: this file sits below every stage.

/** A share, a probability or a score: 0 to 1. */
export const shareSetting = (value: number, about: string) =>
  z.number().min(0).max(1).default(value).describe(about);

/** A whole number from `min` (default 0) up. */
export const countSetting = (value: number, about: string, min = 0) =>
  z.int().min(min).default(value).describe(about);

/** A non-negative number: seconds, bytes, a multiplier or a ratio. */
export const amountSetting = (value: number, about: string) =>
  z.number().min(0).default(value).describe(about);

/** A number greater than zero (a divisor or a likelihood ratio). */
export const positiveSetting = (value: number, about: string) =>
  z.number().positive().default(value).describe(about);

/** A group of settings: unknown keys are refused, and a missing group takes every default. */
export const settingsGroup = <T extends z.ZodRawShape>(about: string, shape: T) => {
  const group = z.strictObject(shape);
  // Every member has a default, so an empty group is valid input; the generic type cannot see it.
  return group.prefault({} as z.input<typeof group>).describe(about);
};
