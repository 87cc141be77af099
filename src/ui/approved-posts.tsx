import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { approvedPosts } from '../compose/messages';
import type { PackOffer } from '../packs/active';

/**
 * The organisation's approved posts in force on a site, for the popup: each can be copied and
 * pasted into any composer (the composer's own panel offers the ones about what a draft names).
 */
export function ApprovedPosts({ site }: { site: string }) {
  const [posts, setPosts] = useState<PackOffer[]>([]);
  const [copied, setCopied] = useState<string>();
  useEffect(() => void approvedPosts(site).then(setPosts), [site]);
  if (posts.length === 0) return null;
  return (
    <section aria-labelledby="approved-posts-title">
      <h2 id="approved-posts-title">{i18n.t('offers.title')}</h2>
      <ul class="approved-posts">
        {posts.map((post) => {
          const key = `${post.packName}:${post.id}`;
          return (
            <li key={key}>
              <p>{post.text}</p>
              <button
                type="button"
                onClick={() => void navigator.clipboard.writeText(post.text).then(() => setCopied(key))}
              >
                {i18n.t('offers.copy')}
              </button>
              {copied === key && <span role="status"> {i18n.t('offers.copied')}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
