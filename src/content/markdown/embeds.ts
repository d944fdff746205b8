// Embedded players and pages (`<iframe>`, `<video>`, Hugo's youtube/vimeo shortcodes) cannot run
// here: each becomes a link to what it showed, which a reader can still follow.

const YOUTUBE = /^https?:\/\/(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com\/(?:embed|v)\/|youtu\.be\/)([\w-]{6,})/i;
const VIMEO = /^https?:\/\/player\.vimeo\.com\/video\/(\d+)/i;

export const youtubeUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;
export const vimeoUrl = (id: string) => `https://vimeo.com/${id}`;

/**
 * Where a link to an embed should go: a video's own page for YouTube and Vimeo players (`known`),
 * else the embedded address itself; null when that is not a web address.
 */
export function embedTarget(src: string): { href: string; known: boolean } | null {
  const url = src.trim().startsWith("//") ? `https:${src.trim()}` : src.trim();
  const youtube = YOUTUBE.exec(url);
  if (youtube !== null) return { href: youtubeUrl(youtube[1]!), known: true };
  const vimeo = VIMEO.exec(url);
  if (vimeo !== null) return { href: vimeoUrl(vimeo[1]!), known: true };
  return /^https?:\/\/[^/\s]/i.test(url) ? { href: url, known: false } : null;
}
