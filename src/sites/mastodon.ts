import type { SiteAdapter } from './adapter';
import { mastodonLength } from './counting';

// Any Mastodon instance (the person or admin enables its host): a React-controlled textarea.
export const mastodon: SiteAdapter = {
  name: 'Mastodon',
  hosts: [],
  composer: 'textarea.autosuggest-textarea__textarea',
  postButton: '.compose-form__publish button, .compose-form button[type="submit"]',
  // Composing a reply shows the post it answers (.reply-indicator) in the compose form.
  replyContext: '.compose-form:has(.reply-indicator)',
  // Settings → Profile: the bio is the account's note, saved by the form's submit button.
  profile: { fields: 'form#edit_profile textarea#account_note', saveButton: 'form#edit_profile button[type="submit"]' },
  // Mastodon's default is 500 for posts and replies (MAX_CHARS in app/validators/status_length_validator.rb),
  // where the instance's page states no limit of its own; the note takes 500 on every instance.
  limits: { post: 500, reply: 500, bio: 500 },
  fieldLimit: (field, surface) => (surface === 'bio' ? undefined : (instanceLimit(field.ownerDocument) ?? limitFromCounter(field))),
  count: mastodonLength,
  // Each upload's thumbnail has its close button (features/compose/components/upload.tsx).
  removeAttachment: '.compose-form__upload .compose-form__upload__delete',
};

/** The page's state does not change while it is open, so each page's is read once. */
const limitsRead = new WeakMap<Document, number | undefined>();

/**
 * The instance's limit for posts, from the state the web app embeds in the page
 * (<script id="initial-state" type="application/json">); no request to the instance. glitch-soc and
 * forks built on it put `max_toot_chars` there; a state carrying the instance API's configuration
 * has `configuration.statuses.max_characters`. Upstream Mastodon 4 embeds neither (its web app asks
 * /api/v2/instance): there the compose form's counter tells it.
 */
function instanceLimit(page: Document): number | undefined {
  if (!limitsRead.has(page)) limitsRead.set(page, limitInState(page.getElementById('initial-state')?.textContent ?? ''));
  return limitsRead.get(page);
}

/**
 * Upstream Mastodon 4 shows under the composer how many characters are left (span.character-counter:
 * the instance's limit less the count of the content warning and the post, negative when over), so
 * the limit is what is left plus what is written, counted the same way.
 */
function limitFromCounter(field: HTMLElement): number | undefined {
  const form = field.closest('.compose-form');
  const left = form?.querySelector('.character-counter')?.textContent?.trim() ?? '';
  if (!/^-?\d+$/.test(left)) return undefined;
  const warning = form!.querySelector<HTMLInputElement>('input.spoiler-input__input')?.value ?? '';
  const written = (field as HTMLTextAreaElement).value ?? field.textContent ?? '';
  return Number(left) + mastodonLength(warning + written);
}

/** Where initial states put the limit: glitch-soc's key, its plain form, and the instance API's configuration. */
const LIMIT_PATHS: readonly (readonly string[])[] = [['max_toot_chars'], ['max_characters'], ['configuration', 'statuses', 'max_characters']];

/** The limit in an initial-state JSON text, undefined when it states none (or is not JSON). */
function limitInState(json: string): number | undefined {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return undefined;
  }
  for (const path of LIMIT_PATHS) {
    const limit = path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), state);
    if (Number.isSafeInteger(limit) && (limit as number) > 0) return limit as number;
  }
  return undefined;
}
