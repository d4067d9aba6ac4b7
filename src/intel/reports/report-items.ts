import { createHash } from 'node:crypto';
import { clip } from '../../clip.js';
import type { ImportDefaults, KnownName } from '../importer.js';
import {
  attackRef,
  type EntityRecord,
  entityRef,
  type IndicatorRecord,
  type IntelItem,
  nameRef,
  type Ref,
} from '../model.js';
import type { DocumentText } from './document-text.js';
import { extractIocs } from './ioc-extract.js';
import { createMentionMatcher, type Mention } from './mention-matcher.js';
import { sentenceAround } from './snippet.js';

/** How the document was written, kept in the report's attrs. */
export type ReportFormat = 'html' | 'markdown' | 'text';

const attackIdRe = /\b(T\d{4}(?:\.\d{3})?|G\d{4}|S\d{4})\b/g;

/**
 * The records one document yields: a `report` entity, `mentions` of the actors, software,
 * campaigns and ATT&CK ids it names, and the indicators it quotes. Indicators point at the actor
 * given by `defaults.actor`, else at the only actor the text names; with several, at none.
 */
export function reportItems(
  raw: string,
  doc: DocumentText,
  format: ReportFormat,
  known: readonly KnownName[],
  defaults: ImportDefaults,
): IntelItem[] {
  const ref: Ref = `report:${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;
  const words = doc.text.match(/\p{L}[\p{L}\p{N}'\u2019-]*/gu)?.length ?? 0;
  const mentions = groupMentions(createMentionMatcher(known).find(doc.text));
  const attackIds = [...new Set([...doc.text.matchAll(attackIdRe)].map((m) => m[1] ?? ''))];
  const extraction = extractIocs(doc.text);

  const entity: EntityRecord = {
    ref,
    type: 'report',
    name: doc.title ?? firstLine(doc.text),
    aliases: [],
    attackIds: [],
    ...(summary(doc.text) ? { description: summary(doc.text) } : {}),
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.published ? { published: doc.published } : {}),
    ...(defaults.tlp ? { tlp: defaults.tlp } : {}),
    attrs: {
      words,
      format,
      indicators: extraction.iocs.length,
      skippedNonPublicAddresses: extraction.skippedNonPublic,
      skippedVersionNumbers: extraction.skippedVersions,
    },
  };
  const items: IntelItem[] = [{ kind: 'entity', entity }];
  for (const m of mentions) {
    items.push({
      kind: 'relationship',
      relationship: {
        sourceRef: ref,
        type: 'mentions',
        targetRef: entityRef(m.entityId),
        description: m.description,
      },
    });
  }
  for (const id of attackIds) {
    items.push({
      kind: 'relationship',
      relationship: { sourceRef: ref, type: 'mentions', targetRef: attackRef(id) },
    });
  }

  const indicates = attribution(mentions, attackIds, defaults);
  for (const ioc of extraction.iocs) {
    const indicator: IndicatorRecord = {
      ref: `ioc:${ioc.type}:${ioc.value}${ioc.port === undefined ? '' : `:${ioc.port}`}`,
      type: ioc.type,
      value: ioc.value,
      ...(ioc.port === undefined ? {} : { port: ioc.port }),
      description: sentenceAround(extraction.text, ioc.index, ioc.length),
      ...(defaults.tlp ? { tlp: defaults.tlp } : {}),
      ...(defaults.confidence === undefined ? {} : { confidence: defaults.confidence }),
      ...(indicates.length > 0 ? { indicates } : {}),
    };
    items.push({ kind: 'indicator', indicator });
  }
  return items;
}

interface MentionedEntity {
  readonly entityId: string;
  readonly cls: Mention['cls'];
  readonly description: string;
}

/** One entry per entity, saying how the text wrote it ("APT10" ×3, "Stone Panda"). */
function groupMentions(found: readonly Mention[]): MentionedEntity[] {
  const byId = new Map<string, { cls: Mention['cls']; canonical: string; forms: Map<string, number> }>();
  for (const m of found) {
    const e = byId.get(m.entityId) ?? {
      cls: m.cls,
      canonical: m.canonical,
      forms: new Map<string, number>(),
    };
    e.forms.set(m.text, (e.forms.get(m.text) ?? 0) + 1);
    byId.set(m.entityId, e);
  }
  return [...byId].map(([entityId, e]) => ({
    entityId,
    cls: e.cls,
    description: `${e.canonical}, written ${[...e.forms].map(([f, n]) => (n > 1 ? `"${f}" (${n}x)` : `"${f}"`)).join(', ')}`,
  }));
}

function attribution(
  mentions: readonly MentionedEntity[],
  attackIds: readonly string[],
  defaults: ImportDefaults,
): Ref[] {
  const out: Ref[] = [];
  if (defaults.actor) out.push(nameRef('actor', defaults.actor));
  else {
    const actors = mentions.filter((m) => m.cls === 'actor');
    const groups = attackIds.filter((id) => id.startsWith('G'));
    if (actors.length === 1 && actors[0]) out.push(entityRef(actors[0].entityId));
    else if (actors.length === 0 && groups.length === 1 && groups[0]) out.push(attackRef(groups[0]));
  }
  if (defaults.malware) out.push(nameRef('software', defaults.malware));
  return out;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? 'untitled report';
  return clip(line, 120, { mark: '...' });
}

/** The first paragraph of some length, clipped: enough to recognise the document in a list. */
function summary(text: string): string | undefined {
  const para = text.split(/\n\s*\n/).find((p) => (p.match(/\p{L}{2,}/gu) ?? []).length >= 8);
  if (!para) return undefined;
  return clip(para, 400, { mark: '...', oneLine: true });
}
