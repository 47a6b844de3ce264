import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import semver from 'semver';
import { isIsoDuration } from '../model/duration.ts';

/**
 * The string formats the schemas use, defined once for both the validators compiled at
 * runtime and the precompiled ones (`validators.generated.js` imports this object by name).
 */
export const formats: Record<'date' | 'iso-duration' | 'semver', Format> = {
  // A real calendar day: 2025-02-30 is refused.
  date: fullFormats.date,
  'iso-duration': { type: 'string', validate: (value: string) => isIsoDuration(value) },
  semver: { type: 'string', validate: (value: string) => semver.valid(value) === value },
};
