/**
 * The page as the person sees it: one tree through open shadow roots and same-origin frames.
 * Nodes from a frame belong to that frame's JavaScript realm, so types are told by `nodeType` and
 * tag names, never by `instanceof`.
 */

export function isElement(target: unknown): target is HTMLElement {
  return (target as Node | null)?.nodeType === Node.ELEMENT_NODE;
}

/** A textarea or a one-line text input (a profile's headline): plain text in `value`, no DOM ranges. */
export function isTextField(element: Element): element is HTMLTextAreaElement | HTMLInputElement {
  return element.tagName === 'TEXTAREA' || (element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'text');
}

/** Whether `node` or an element around it in the composed tree (across shadow roots and frames) matches `selector`. */
export function insideComposed(node: Node, selector: string): boolean {
  for (let current: Node | null = node; current; current = composedParent(current)) if (isElement(current) && current.matches(selector)) return true;
  return false;
}

/** The parent across boundaries: a shadow root's host, a frame document's `<iframe>`. */
export function composedParent(node: Node): Node | null {
  if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (node as ShadowRoot).host ?? null;
  if (node.nodeType === Node.DOCUMENT_NODE) return frameOf(node as Document);
  return node.parentNode;
}

function frameOf(document: Document): Element | null {
  try {
    return document.defaultView?.frameElement ?? null;
  } catch {
    return null; // a cross-origin parent
  }
}

export function composedContains(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = composedParent(current)) if (current === ancestor) return true;
  return false;
}

export function commonAncestor(a: Node, b: Node): Node | null {
  const ancestors = new Set<Node>();
  for (let node: Node | null = a; node; node = composedParent(node)) ancestors.add(node);
  for (let node: Node | null = b; node; node = composedParent(node)) if (ancestors.has(node)) return node;
  return null;
}

export function depthOf(node: Node | null): number {
  let depth = 0;
  for (let current = node; current; current = composedParent(current)) depth++;
  return depth;
}

/** The hosts of the shadow roots around `node`, innermost first, up to its document. */
export function shadowHosts(node: Node): Element[] {
  const hosts: Element[] = [];
  for (let root = node.getRootNode(); root.nodeType === Node.DOCUMENT_FRAGMENT_NODE; root = (root as ShadowRoot).host.getRootNode()) {
    hosts.push((root as ShadowRoot).host);
  }
  return hosts;
}

/** The window of a same-origin frame element; undefined for anything else. */
export function sameOriginWindow(element: Element): Window | undefined {
  if (element.tagName !== 'IFRAME' && element.tagName !== 'FRAME') return undefined;
  try {
    const frame = (element as HTMLIFrameElement).contentWindow;
    return frame?.document ? frame : undefined;
  } catch {
    return undefined;
  }
}

/** The focused element and the hosts and frames around it, outermost first, through open shadow roots and same-origin frames. */
export function focusChain(document: Document): Element[] {
  const chain: Element[] = [];
  for (let active = document.activeElement; active && !chain.includes(active); ) {
    chain.push(active);
    active = active.shadowRoot?.activeElement ?? sameOriginWindow(active)?.document.activeElement ?? null;
  }
  return chain;
}

/** Where `element`'s frame viewport starts in the top viewport, for drawing over it from above. */
export function viewportOffset(element: Element): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let frame = frameOf(element.ownerDocument); frame; frame = frameOf(frame.ownerDocument)) {
    const box = frame.getBoundingClientRect();
    const style = styleOf(frame);
    x += box.left + frame.clientLeft + parseFloat(style.paddingLeft);
    y += box.top + frame.clientTop + parseFloat(style.paddingTop);
  }
  return { x, y };
}

/** Computed style from the element's own window (a frame's elements are styled by that frame). */
export function styleOf(element: Element): CSSStyleDeclaration {
  return (element.ownerDocument.defaultView ?? window).getComputedStyle(element);
}

/** Every element matching `selector` in `scope` (or `scope` itself), through open shadow roots and same-origin frames. */
export function deepQueryAll(scope: Node, selector: string): HTMLElement[] {
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
