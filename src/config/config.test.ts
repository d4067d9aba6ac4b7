import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWeights } from '../attribution/weights.js';
import { defaultBeaconConfig } from '../detect/beaconing/beacon-score.js';
import { defaultDetectSettings } from '../detect/detect-settings.js';
import { defaultExfilConfig } from '../detect/exfiltration/exfil-config.js';
import { defaultInternalNetworks } from '../detect/internal-networks.js';
import { payloadConfig } from '../detect/payload-delivery/payload-score.js';
import { warninglistWeight } from '../detect/suppression.js';
import { correlateDefaults } from '../incidents/correlate-config.js';
import { renderConfigDoc } from './config-doc.js';
import { readConfigFile } from './config-file.js';
import { renderConfigSample } from './config-sample.js';
import { defaultConfig } from './config-schema.js';
import { loadConfig, parseConfig } from './load-config.js';
import { configEntries } from './schema-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the config schema', () => {
  it('14.4: defaults are the stages’ own constants', () => {
    const c = defaultConfig();
    expect(c.correlation).toEqual(correlateDefaults);
    expect(c.attribution).toEqual(defaultWeights);
    expect(c.detectors.exfiltration).toEqual(defaultExfilConfig);
    expect(c.detectors['payload-delivery']).toEqual(payloadConfig);
    expect(c.detectors.beaconing).toMatchObject(defaultBeaconConfig);
    expect(c.detectors).toEqual(defaultDetectSettings());
    expect(c.network.internal).toEqual(defaultInternalNetworks);
    expect(c.warninglists.weight).toBe(warninglistWeight);
  });

  it('14.4: every key has a description and a range', () => {
    const { keys } = configEntries();
    expect(keys.length).toBeGreaterThan(150);
    for (const k of keys) {
      expect(k.description, k.path.join('.')).not.toBe('');
      expect(k.range, k.path.join('.')).not.toBe('');
    }
  });
});

describe('sample and check', () => {
  it.each(['yaml', 'toml', 'json'] as const)(
    '14.4: init → check round-trips (%s) to the defaults',
    (format) => {
      const file = join(dir, `sample.${format}`);
      writeFileSync(file, renderConfigSample(format));
      expect(parseConfig(readConfigFile(file), file)).toEqual(defaultConfig());
    },
  );

  it('14.4: the YAML sample comments every key with its default', () => {
    const yaml = renderConfigSample('yaml');
    for (const k of configEntries().keys) {
      const name = k.path[k.path.length - 1] as string;
      const at = yaml.split('\n').findIndex((l) => new RegExp(`^\\s*(# )?"?${name}"?:`).test(l));
      expect(at, k.path.join('.')).toBeGreaterThan(0);
    }
    expect(yaml).toContain('# Below this score a series is not reported. Default 0.5; a number from 0 to 1.');
  });

  it('14.4: check names the bad key, its value and the allowed range', () => {
    const bad = { detectors: { beaconing: { threshold: 1.5, minConnections: 2.5, tpyo: 1 } } };
    expect(() => parseConfig(bad, 'config file x.yaml')).toThrow(
      /config file x\.yaml: [\s\S]*detectors\.beaconing\.threshold = 1\.5 is not allowed: it must be a number from 0 to 1/,
    );
    expect(() => parseConfig(bad, 'f')).toThrow(
      /detectors\.beaconing\.minConnections = 2\.5 is not allowed: it must be a whole number of at least 2/,
    );
    expect(() => parseConfig(bad, 'f')).toThrow(
      /unknown key "tpyo" in detectors\.beaconing \(allowed: threshold, /,
    );
    expect(() => parseConfig({ network: { internal: ['10.0.0.0/33'] } }, 'f')).toThrow(
      /network\.internal\[0\] = "10\.0\.0\.0\/33" is not allowed: not an address or CIDR/,
    );
  });
});

describe('loading', () => {
  it('14.4: show names the source of each value, and a flag overrides the file', () => {
    const data = join(dir, 'data');
    const file = join(dir, 'tuned.toml');
    writeFileSync(file, '[correlation]\nminScore = 0.6\n\n[network]\ninternal = ["10.0.0.0/8"]\n');
    const loaded = loadConfig({
      dataDir: data,
      file,
      flags: [{ path: ['network', 'internal'], flag: '--internal', value: ['192.168.0.0/16'] }],
    });
    expect(loaded.config.correlation.minScore).toBe(0.6);
    expect(loaded.sources['correlation.minScore']).toBe(file);
    expect(loaded.config.network.internal).toEqual(['192.168.0.0/16']);
    expect(loaded.sources['network.internal']).toBe('--internal');
    expect(loaded.sources['correlation.bridgeScore']).toBe('default');
  });

  it('14.4: a data directory with two config files is refused', () => {
    const data = mkdtempSync(join(dir, 'two-'));
    writeFileSync(join(data, 'mamori.config.yaml'), '');
    writeFileSync(join(data, 'mamori.config.json'), '{}');
    expect(() => loadConfig({ dataDir: data })).toThrow(/several config files/);
  });
});

describe('docs/configuration.md', () => {
  it('14.4: is up to date with the schema (npm run docs:config) and lists every key', () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderConfigDoc());
    for (const k of configEntries().keys) expect(doc).toContain(`| \`${k.path[k.path.length - 1]}\` |`);
  });
});
