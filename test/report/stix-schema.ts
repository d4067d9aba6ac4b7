import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The idn-hostname format the domain-name schema asks for (ajv-formats has no IDN variant). */
function idnHostname(value: string): boolean {
  if (/[\x00-\x2c/:-@[-`{-\x7f\s]/.test(value)) return false;
  const ascii = domainToASCII(value);
  return (
    ascii.length > 0 &&
    ascii.length <= 253 &&
    ascii.split('.').every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l))
  );
}

/** Loads every OASIS STIX 2.1 schema under `root` and resolves `$ref`s by their `$id`s. */
export function stixValidator(root: string) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addFormat('idn-hostname', idnHostname);
  const ids = new Map<string, string>();
  for (const dir of ['common', 'observables', 'sdos', 'sros']) {
    for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(path.join(root, dir, file), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      ids.set(`${dir}/${file.replace(/\.json$/, '')}`, schema.$id);
    }
  }
  const schemaFor = (type: string): string | undefined =>
    ids.get(`sdos/${type}`) ??
    ids.get(`sros/${type}`) ??
    ids.get(`observables/${type}`) ??
    ids.get(`common/${type}`);
  return {
    /** Errors for one object against its type's schema (`[]` when valid). */
    object(o: { type: string } & Record<string, unknown>): string[] {
      const id = schemaFor(o.type);
      if (!id) return [`no schema for type ${o.type}`];
      const validate = ajv.getSchema(id)!;
      return validate(o) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
    /** Errors for the bundle as a whole. */
    bundle(b: unknown): string[] {
      const validate = ajv.getSchema(ids.get('common/bundle')!)!;
      return validate(b)
        ? []
        : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}
