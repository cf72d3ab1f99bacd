/**
 * Lesson Markdown to safe HTML: markdown-it with raw HTML turned off, then DOMPurify, so no
 * script, event handler or javascript: URL from a lesson file can reach the page.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(md.render(text), { USE_PROFILES: { html: true } });
}
