import type { SiteAdapter } from '../sites/adapter';
import { isElement, isTextarea, sameOriginWindow, shadowHosts } from './dom';
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

/**
 * The composers and title fields inside `scope`, through open shadow roots and same-origin frames:
 * at a press on Post, the fields of the post nobody has focused (a title the site filled in).
 */
export function fieldsWithin(scope: Node, adapters: readonly SiteAdapter[]): FoundComposer[] {
  const found: FoundComposer[] = [];
  for (const adapter of adapters) {
    const fields: [Field, string | undefined][] = [['body', adapter.composer], ['title', adapter.title]];
    for (const [field, selector] of fields) {
      if (!selector) continue;
      for (const match of deepQueryAll(scope, selector)) {
        const element = isEditableRoot(match) ? match : match.shadowRoot && deepQueryAll(match.shadowRoot, 'textarea, [contenteditable="true"]')[0];
        if (element && !found.some((other) => other.element === element)) found.push({ element, adapter, field });
      }
    }
  }
  return found;
}

function deepQueryAll(scope: Node, selector: string): HTMLElement[] {
  const roots: ParentNode[] = [];
  const collect = (root: ParentNode) => {
    roots.push(root);
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) collect(element.shadowRoot);
      const frameDocument = sameOriginWindow(element)?.document;
      if (frameDocument) collect(frameDocument);
    }
  };
  if (isElement(scope) && scope.matches(selector)) return [scope];
  if (isElement(scope) || scope.nodeType === Node.DOCUMENT_NODE || scope.nodeType === Node.DOCUMENT_FRAGMENT_NODE) collect(scope as ParentNode);
  return roots.flatMap((root) => [...root.querySelectorAll<HTMLElement>(selector)]);
}
