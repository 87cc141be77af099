import type { Surface } from '../packs/schema';
import type { SiteAdapter } from '../sites/adapter';
import { deepQueryAll, insideComposed, isElement, isTextField, shadowHosts } from './dom';
import type { Field } from './view';

export interface FoundComposer {
  readonly element: HTMLElement;
  readonly adapter: SiteAdapter;
  readonly field: Field;
  readonly surface: Surface;
}

/** The adapter's fields: the post's body and title, and the profile's fields. */
function fieldsOf(adapter: SiteAdapter): [Field, string | undefined, 'bio' | undefined][] {
  return [['body', adapter.composer, undefined], ['title', adapter.title, undefined], ['body', adapter.profile?.fields, 'bio']];
}

/** A profile field is a bio; a composer inside the adapter's reply context (across shadow roots) answers someone. */
function surfaceOf(element: HTMLElement, adapter: SiteAdapter, profile: 'bio' | undefined): Surface {
  if (profile) return profile;
  return adapter.replyContext && insideComposed(element, adapter.replyContext) ? 'reply' : 'post';
}

/**
 * The composer or title field at `target` (where focus went), per the page's adapters: the element
 * a selector names, or `target` itself when a selector names a shadow host around it.
 */
export function composerAt(target: EventTarget | undefined, adapters: readonly SiteAdapter[]): FoundComposer | undefined {
  if (!isElement(target)) return undefined;
  for (const adapter of adapters) {
    for (const [field, selector, profile] of fieldsOf(adapter)) {
      if (!selector) continue;
      const element = target.closest<HTMLElement>(selector) ?? (isEditableRoot(target) && shadowHosts(target).some((host) => host.matches(selector)) ? target : null);
      if (element) return { element, adapter, field, surface: surfaceOf(element, adapter, profile) };
    }
  }
  return undefined;
}

function isEditableRoot(element: HTMLElement): boolean {
  return isTextField(element) || (element.isContentEditable && !element.parentElement?.isContentEditable);
}

/**
 * The post button pressed (or a profile form's save button), from the press's composed path: the
 * element itself or a host around it.
 */
export function postButtonOn(path: readonly EventTarget[], adapters: readonly SiteAdapter[]): HTMLElement | undefined {
  for (const adapter of adapters) {
    for (const node of path) {
      if (!isElement(node)) continue;
      if (isPostButton(node, adapter)) return node;
      if (adapter.profile && node.matches(adapter.profile.saveButton)) return node;
    }
  }
  return undefined;
}

/** Whether `element` is one of the adapter's post buttons (the label narrowing it, where the adapter has one). */
export function isPostButton(element: Element, adapter: SiteAdapter): boolean {
  return element.matches(adapter.postButton) && (!adapter.postLabel || adapter.postLabel.test(buttonLabel(element)));
}

/** A button's visible text or, where it shows an icon alone, the icon's label (Threads' reply arrow). */
function buttonLabel(button: Element): string {
  return button.textContent?.trim() || button.getAttribute('aria-label') || button.querySelector('svg[aria-label]')?.getAttribute('aria-label') || '';
}

/**
 * The composers and title fields inside `scope`, through open shadow roots and same-origin frames:
 * at a press on Post, the fields of the post nobody has focused (a title the site filled in).
 */
export function fieldsWithin(scope: Node, adapters: readonly SiteAdapter[]): FoundComposer[] {
  const found: FoundComposer[] = [];
  for (const adapter of adapters) {
    for (const [field, selector, profile] of fieldsOf(adapter)) {
      if (!selector) continue;
      for (const match of deepQueryAll(scope, selector)) {
        const element = isEditableRoot(match) ? match : match.shadowRoot && deepQueryAll(match.shadowRoot, 'textarea, [contenteditable="true"]')[0];
        if (element && !found.some((other) => other.element === element)) found.push({ element, adapter, field, surface: surfaceOf(element, adapter, profile) });
      }
    }
  }
  return found;
}
