import type { KeyScope } from '../list/key-command';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'time',
]);

/** What kind of element `target` is, for which list shortcuts it lets through (key-command.ts). */
export function keyScopeOf(target: EventTarget | null, searchBox: Element | null): KeyScope {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target === searchBox) return 'search';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(target.type) ? 'text' : 'button';
  }
  // A menu of its own (Open in…) keeps its keys, as a field does.
  if (target.closest('[role=menu]')) return 'text';
  if (target.closest('button, a[href], summary, [role=menuitem], [role=button]')) return 'button';
  return 'other';
}
