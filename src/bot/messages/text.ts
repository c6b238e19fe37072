/**
 * The pieces a catalogue sentence is made of. A sentence is a run of segments:
 * plain text, a real mention, or a command hint that each adapter writes its own
 * way (`/preletter ack PL-…` on Slack, `@PreLetter ack PL-…` on Teams), so no
 * renderer ever rewrites words and people's own text is never touched.
 */
import { COMMAND_NAMES, type CommandName } from '../../domain/command';
import type { Segment } from '../ports';

/** Why: what a catalogue entry gives back: a plain label, or a sentence that may hold commands and mentions. */
export type Text = string | Segment[];

/** Why: a command hint as a segment, to drop into a sentence template. */
export function cmd(name?: CommandName, ...args: string[]): Segment {
  return { command: { ...(name ? { name } : {}), ...(args.length > 0 ? { args } : {}) } };
}

/** Why: a sentence template whose values may be segments; adjacent text is merged so renderers see whole runs. */
export function s(strings: TemplateStringsArray, ...values: Array<string | number | Segment | Segment[]>): Segment[] {
  const out: Segment[] = [];
  const push = (seg: Segment) => {
    const last = out[out.length - 1];
    if ('text' in seg && last && 'text' in last) out[out.length - 1] = { text: last.text + seg.text };
    else if (!('text' in seg) || seg.text !== '') out.push(seg);
  };
  strings.forEach((str, i) => {
    push({ text: str });
    if (i < values.length) {
      const v = values[i];
      if (typeof v === 'string' || typeof v === 'number') push({ text: String(v) });
      else if (Array.isArray(v)) v.forEach(push);
      else push(v);
    }
  });
  return out;
}

/** Why: labels and titles are plain strings; a sentence becomes a paragraph of segments. */
export function asSegments(text: Text): Segment[] {
  return typeof text === 'string' ? [{ text }] : text;
}

/**
 * Why: the words of a sentence without platform syntax, for logs, the CLI and tests:
 * commands read `preletter ack PL-…`, mentions read as the name.
 */
export function plainOf(text: Text): string {
  if (typeof text === 'string') return text;
  return text
    .map((seg) => {
      if ('text' in seg) return seg.text;
      if ('mention' in seg) return seg.name;
      return ['preletter', seg.command.name, ...(seg.command.args ?? [])].filter(Boolean).join(' ');
    })
    .join('');
}

/** Why: every command with its usage words (in the reader's language), comma-separated, for help and corrections. */
export function commandList(usage: Record<CommandName, string[]>): Segment[] {
  return COMMAND_NAMES.flatMap((name, i) => [...(i === 0 ? [] : [{ text: ', ' }]), cmd(name, ...usage[name])]);
}

/** Why: a person's words closing a sentence: a full stop added unless they end one already. */
export function closed(words: string): string {
  return /[.!?…]$/.test(words) ? words : `${words}.`;
}
