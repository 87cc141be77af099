import type { CDPSession, Page } from 'playwright-core';

/**
 * Runs `fn` with `this` bound to the closed shadow root of Sera's `<hostTag>` element. Page scripts
 * cannot reach a closed shadow root; the test reaches it through the DevTools protocol, the way
 * accessibility tools and screen readers see it.
 */
export async function inClosedRoot<T, A = undefined>(page: Page, hostTag: string, fn: (this: ShadowRoot, arg: A) => T, arg?: A): Promise<T | undefined> {
  const cdp = await session(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const host = findNode(root, hostTag.toUpperCase());
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return undefined;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: fn.toString(),
    arguments: [{ value: arg }],
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function findNode(node: DomNode, name: string): DomNode | undefined {
  if (node.nodeName === name) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, name);
    if (found) return found;
  }
  return undefined;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  return cdp;
}

/** Polls `read` until `accept` holds; the e2e tests' only way to wait for the layer. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The badge's accessible name, or null when there is no badge. */
export const badgeLabel = (page: Page) =>
  inClosedRoot(page, 'sera-compose', function () {
    return this.querySelector('.badge')?.getAttribute('aria-label') ?? null;
  });

/** Sera's underlines on screen, top to bottom, left to right. */
export const underlines = (page: Page) =>
  inClosedRoot(page, 'sera-compose', function () {
    return [...this.querySelectorAll('.underline')]
      .map((line) => line.getBoundingClientRect())
      .map(({ left, top, width }) => ({ left, top, width }))
      .sort((a, b) => a.top - b.top || a.left - b.left);
  });

/** Clicks a button in Sera's layer (or its photo notices: `sera-photo-notices`) with the mouse, found by its text or accessible name. */
export async function clickInLayer(page: Page, text: string, hostTag = 'sera-compose'): Promise<void> {
  const centre = await until(
    () =>
      inClosedRoot(
        page,
        hostTag,
        function (label: string) {
          const button = [...this.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label || candidate.getAttribute('aria-label') === label);
          const rect = button?.getBoundingClientRect();
          return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
        },
        text,
      ),
    (found) => !!found,
    `the button “${text}”`,
  ).catch(async (error: Error) => {
    // Say what the layer showed instead, for whoever reads the failure.
    const shown = await inClosedRoot(page, hostTag, function () {
      return [...this.querySelectorAll('button')].map((button) => `${button.className}: ${button.getAttribute('aria-label') ?? button.textContent}`);
    });
    throw new Error(`${error.message}; buttons in the layer: ${JSON.stringify(shown)}`);
  });
  await page.mouse.click(centre!.x, centre!.y);
}

/** Opens the findings panel from the badge. */
export async function openPanel(page: Page): Promise<void> {
  const label = await until(() => badgeLabel(page), (value) => !!value, 'the badge');
  // What covers the badge when it is pressed, should the panel not open (an intermittent failure).
  const atBadge = await inClosedRoot(page, 'sera-compose', function () {
    const badge = this.querySelector('.badge')!.getBoundingClientRect();
    return this.elementFromPoint(badge.left + badge.width / 2, badge.top + badge.height / 2)?.className ?? null;
  });
  await clickInLayer(page, label!);
  await until(
    () => inClosedRoot(page, 'sera-compose', function () { return this.querySelector('.badge')?.getAttribute('aria-expanded') ?? null; }),
    (expanded) => expanded === 'true',
    `the panel to open (the badge was under “${atBadge}” when pressed)`,
  );
}
