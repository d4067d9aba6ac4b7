import { detectIndicator as detectValue } from '../indicators/normalize.js';

/** Lines looked at when judging a file's head. */
const sampleLines = 60;

/**
 * Whether a line reads as a sentence: five or more words, and it does not open with an indicator
 * (IOC lists often follow a hash with a long description, which is not prose).
 */
export function isProseLine(line: string): boolean {
  const trimmed = line.trim();
  // A quoted string a line ("ET POLICY …") is a list of names, as jq writes them, not sentences.
  if (/^["'].*["'],?$/.test(trimmed)) return false;
  const tokens = trimmed.split(/\s+/);
  const first = tokens[0] ?? '';
  if (tokens.filter((t) => /\p{L}{2,}/u.test(t)).length < 5) return false;
  const value = first.split(/[;,|]/)[0] ?? first;
  return !detectValue(value).ok;
}

/**
 * The rule the IOC-list and report importers share: a head is prose when most of its first
 * non-empty, non-comment lines are sentences. Reports take prose; IOC lists take the rest.
 */
export function isProse(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(#|\/\/)/.test(l))
    .slice(0, sampleLines);
  if (lines.length === 0) return false;
  const prose = lines.filter(isProseLine).length;
  return prose * 2 > lines.length;
}

/** Whether the head looks like JSON (an object or array), which neither text importer takes. */
export function looksLikeJson(head: string): boolean {
  return /^\s*[[{]/.test(head);
}

/** Whether the head looks like an HTML document or fragment. */
export function looksLikeHtml(head: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i.test(head);
}
