import type { IntrusionKind } from '../sim-options.js';
import { AptIntrusion } from './apt.js';
import { CommodityIntrusion } from './commodity.js';
import { DgaIntrusion } from './dga.js';
import { DnsTunnelIntrusion } from './dns-tunnel.js';
import type { Intrusion, IntrusionSetup } from './intrusion.js';

/** Every intrusion kind; a new one is a file here and one line in this map (and scenarioParts). */
export const intrusionFactories = {
  apt: (s) => new AptIntrusion(s),
  commodity: (s) => new CommodityIntrusion(s),
  'dns-tunnel': (s) => new DnsTunnelIntrusion(s),
  dga: (s) => new DgaIntrusion(s),
} as const satisfies Record<IntrusionKind, (s: IntrusionSetup) => Intrusion>;
