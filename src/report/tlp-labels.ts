import type { Tlp } from './report-format.js';

/** How a TLP 2.0 level is shown and what it allows, in one place for every format. */
export interface TlpLabel {
  readonly label: string;
  /** TLP 2.0 text colour; the standard sets it on a black background. */
  readonly colour: string;
  readonly sharing: string;
}

/** FIRST TLP 2.0: the labels, their colours (RGB given by the standard), and the sharing rule in short. */
export const tlpLabels: Record<Tlp, TlpLabel> = {
  clear: {
    label: 'TLP:CLEAR',
    colour: '#FFFFFF',
    sharing: 'Recipients may share this without restriction, subject to copyright.',
  },
  green: {
    label: 'TLP:GREEN',
    colour: '#33FF00',
    sharing: 'Recipients may share this within their community, but not publicly.',
  },
  amber: {
    label: 'TLP:AMBER',
    colour: '#FFC000',
    sharing:
      'Recipients may share this only within their organisation and its clients, on a need-to-know basis.',
  },
  'amber+strict': {
    label: 'TLP:AMBER+STRICT',
    colour: '#FFC000',
    sharing: 'Recipients may share this only within their own organisation, on a need-to-know basis.',
  },
  red: {
    label: 'TLP:RED',
    colour: '#FF2B2B',
    sharing: 'For the named recipients only; do not share further.',
  },
};
