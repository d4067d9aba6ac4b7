import type { Alert } from './alert.js';

/** The message shapes a webhook can take. */
export const webhookShapes = ['generic', 'slack', 'teams'] as const;
export type WebhookShape = (typeof webhookShapes)[number];

const colour = { critical: 'B60205', high: 'D93F0B', medium: 'FBCA04', low: '0E8A16' } as const;

/** Slack mrkdwn treats `&`, `<` and `>` as markup: attacker names must not become links or mentions. */
function slackText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Teams renders a subset of Markdown and HTML in card text: escape both. */
function teamsText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]()#+!|~-])/g, '\\$1');
}

function headline(a: Alert): string {
  const change = a.previousSeverity
    ? `rose from ${a.previousSeverity} to ${a.severity}`
    : `new, ${a.severity}`;
  return `mamori incident ${a.incidentId} (${change})`;
}

function actorLine(a: Alert): string {
  return a.actor
    ? `${a.actor.name}: ${a.actor.term} (${Math.round(a.actor.probability * 100)}%)`
    : 'no actor named';
}

/** The JSON body a webhook of this shape receives for an alert. */
export function webhookBody(shape: WebhookShape, a: Alert): unknown {
  if (shape === 'generic') return a;
  if (shape === 'slack') {
    const text = `${headline(a)}: ${slackText(a.summary)}`;
    return {
      text,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `*${slackText(headline(a))}*\n${slackText(a.summary)}` },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: `*Hosts × servers*\n${a.hosts} × ${a.servers}` },
            { type: 'mrkdwn', text: `*Attribution*\n${slackText(actorLine(a))}` },
            { type: 'mrkdwn', text: `*Seen*\n${a.firstSeen} – ${a.lastSeen}` },
            { type: 'mrkdwn', text: `*Techniques*\n${a.techniques.join(', ') || 'none'}` },
          ],
        },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in mamori' }, url: a.link }],
        },
      ],
    };
  }
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: headline(a),
    themeColor: colour[a.severity],
    title: teamsText(headline(a)),
    sections: [
      {
        text: teamsText(a.summary),
        facts: [
          { name: 'Severity', value: a.severity },
          { name: 'Verdict', value: a.verdict },
          { name: 'Hosts × servers', value: `${a.hosts} × ${a.servers}` },
          { name: 'Attribution', value: teamsText(actorLine(a)) },
          { name: 'First seen', value: a.firstSeen },
          { name: 'Last seen', value: a.lastSeen },
          { name: 'Techniques', value: a.techniques.join(', ') || 'none' },
        ],
      },
    ],
    potentialAction: [
      { '@type': 'OpenUri', name: 'Open in mamori', targets: [{ os: 'default', uri: a.link }] },
    ],
  };
}
