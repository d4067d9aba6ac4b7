import type { TruthPair } from '../../src/detect/evaluation/ground-truth.js';

/** A labelled real capture from ../shared/data, configured as an analyst would run it. */
export interface RealDataset {
  readonly name: string;
  /** Paths under the shared data folder. */
  readonly paths: readonly string[];
  /** The monitored networks (--internal); default RFC 1918. */
  readonly internal?: readonly string[];
  readonly truth: readonly TruthPair[];
  /** Why the settings are what they are. */
  readonly why: string;
}

/**
 * The servers the two hosts reached on 449/tcp (17; SOURCES.md names 7 of them) and on 447/tcp and
 * 8082/tcp (20 more), the ports SOURCES.md gives for Trickbot C2 and exfiltration.
 */
const trickbotC2 = [
  '103.110.91.118',
  '174.105.235.178',
  '181.113.17.230',
  '182.253.20.66',
  '190.145.74.84',
  '199.182.59.42',
  '199.227.126.250',
  '206.130.141.255',
  '24.113.161.184',
  '24.119.69.70',
  '65.31.241.133',
  '66.38.80.188',
  '66.60.121.58',
  '72.189.124.41',
  '73.67.78.5',
  '75.102.135.23',
  '76.181.182.166',
  '173.171.132.82',
  '176.113.83.15',
  '185.66.12.223',
  '185.80.148.19',
  '194.5.250.151',
  '195.54.163.15',
  '195.54.163.203',
  '198.46.163.41',
  '198.46.196.109',
  '213.183.63.118',
  '24.247.181.125',
  '31.131.24.193',
  '47.32.109.184',
  '5.135.37.87',
  '51.68.170.57',
  '66.181.167.72',
  '89.223.30.170',
  '89.223.90.174',
  '92.38.135.204',
  '92.38.135.209',
];

/** Ground truth from SOURCES.md §6. */
export const realDatasets: readonly RealDataset[] = [
  {
    name: 'RITA missing_host',
    paths: ['zeek/rita-missing-host-beacon'],
    internal: ['73.54.23.243/32'],
    truth: [{ host: '73.54.23.243', servers: ['64.225.56.201'] }],
    why: 'recorded on an internet-facing server; the beaconing client is the host we monitor',
  },
  {
    name: 'RITA proxy',
    paths: ['zeek/rita-proxy'],
    truth: [{ host: '10.136.0.18', servers: ['www.honestimnotevil.com'] }],
    why: 'default networks; the beacon reaches its server only through the proxy 10.136.0.16:3128',
  },
  {
    name: 'Trickbot week',
    paths: ['zeek/mta-trickbot-2018-11-09-week'],
    truth: [
      { host: '172.16.9.233', servers: trickbotC2 },
      { host: '172.16.9.5', servers: trickbotC2 },
    ],
    why: 'default networks (172.16.9.0/24 is RFC 1918)',
  },
  {
    name: 'Stratosphere 001 NjRAT',
    paths: ['zeek/stratosphere/001-zeek-scenario-malicious'],
    truth: [{ host: '192.168.1.115', servers: ['41.108.179.197'] }],
    why: 'default networks',
  },
  {
    name: 'Stratosphere 009 Kovter',
    paths: ['zeek/stratosphere/009-zeek-malicious'],
    truth: [
      {
        host: '192.168.1.113',
        servers: [
          '82.245.149.235',
          '189.90.217.247',
          '198.36.88.21',
          '189.241.104.183',
          '91.82.226.222',
          '208.80.6.60',
          '198.144.30.128',
          '104.16.73.224',
        ],
      },
    ],
    why: 'default networks; no conn log, only http and ssl',
  },
  {
    name: 'Slips RemcosRAT',
    paths: ['zeek/slips/test18-malicious-ctu-sme-11-win/zeek-labeled'],
    truth: [{ host: '192.168.1.107', servers: ['66.63.168.35', '178.237.33.50'] }],
    why: 'default networks',
  },
  {
    name: 'ccnotice Cerber',
    paths: ['zeek/mta-2016-12-15-ccnotice-malspam'],
    truth: [
      {
        host: '10.12.15.101',
        servers: ['55.15.15.0/24', '194.165.16.0/23', '1.11.32.0/24', '185.153.198.117', '185.45.192.155'],
      },
    ],
    why: 'default networks; the C2 is a UDP 6892 fan-out to three ranges',
  },
];
