import type { VideoCleanResult } from '../videos/clean';
import type { CleanResult, Found } from './clean';
import { locationItemsRemoved, type Removed } from './report';

/** "60.17° N, 24.94° E": two decimals, about a kilometre, enough to recognise the place. */
export function formatPosition(position: NonNullable<Found['position']>): string {
  const axis = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(2)}° ${value < 0 ? negative : positive}`;
  return `${axis(position.latitude, 'N', 'S')}, ${axis(position.longitude, 'E', 'W')}`;
}

/** What was taken out, in a few words: "location (60.17° N, 24.94° E) and 4 other items". */
export function describeRemoved(found: Found, removed: Removed): string | undefined {
  const location = locationItemsRemoved(removed) > 0;
  const what = location ? (found.position ? `location (${formatPosition(found.position)})` : 'location tags') : undefined;
  const other = removed.other.length ? `${removed.other.length === 1 ? removed.other[0] : `${removed.other.length} other metadata items`}` : undefined;
  if (what && other) return `${what} and ${other}`;
  return what ?? other;
}

/** One sentence for a person about one photo or video. */
export function describeResult(name: string, result: CleanResult | VideoCleanResult): string {
  if (!result.cleaned) return `Could not clean ${name}: ${result.reason}.`;
  const removed = describeRemoved(result.found, result.removed);
  return removed ? `Removed ${removed} from ${name}.` : `${name} has no location to remove.`;
}
