/**
 * Lesson Markdown to safe HTML: markdown-it with raw HTML turned off, then DOMPurify, so no
 * script, event handler or javascript: URL from a lesson file can reach the page. Where DOMPurify
 * cannot run (no DOM, as in server rendering), the text is escaped instead of rendered.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export function renderMarkdown(text: string): string {
  if (!DOMPurify.isSupported) return `<pre>${escapeHtml(text)}</pre>`;
  return DOMPurify.sanitize(md.render(text), { USE_PROFILES: { html: true } });
}
