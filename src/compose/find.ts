import type { SiteAdapter } from '../sites/adapter';
import { isElement, isTextarea, shadowHosts } from './dom';
import type { Field } from './view';

export interface FoundComposer {
  readonly element: HTMLElement;
  readonly adapter: SiteAdapter;
  readonly field: Field;
}

/**
 * The composer or title field at `target` (where focus went), per the page's adapters: the element
 * a selector names, or `target` itself when a selector names a shadow host around it.
 */
export function composerAt(target: EventTarget | undefined, adapters: readonly SiteAdapter[]): FoundComposer | undefined {
  if (!isElement(target)) return undefined;
  for (const adapter of adapters) {
    const fields: [Field, string | undefined][] = [['body', adapter.composer], ['title', adapter.title]];
    for (const [field, selector] of fields) {
      if (!selector) continue;
      const element = target.closest<HTMLElement>(selector) ?? (isEditableRoot(target) && shadowHosts(target).some((host) => host.matches(selector)) ? target : null);
      if (element) return { element, adapter, field };
    }
  }
  return undefined;
}

function isEditableRoot(element: HTMLElement): boolean {
  return isTextarea(element) || (element.isContentEditable && !element.parentElement?.isContentEditable);
}

/** The post button pressed, from the press's composed path: the element itself or a host around it. */
export function postButtonOn(path: readonly EventTarget[], adapters: readonly SiteAdapter[]): HTMLElement | undefined {
  for (const adapter of adapters) {
    for (const node of path) {
      if (isElement(node) && node.matches(adapter.postButton) && (!adapter.postLabel || adapter.postLabel.test(node.textContent?.trim() ?? ''))) return node;
    }
  }
  return undefined;
}
