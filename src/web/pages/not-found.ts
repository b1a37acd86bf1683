import type { Section } from '../../model.js';
import { html } from '../html.js';
import { page } from '../layout.js';

export function notFoundPage(options: { siteName: string; sections: Section[]; what: string }): string {
  return page({
    siteName: options.siteName,
    title: 'Not found',
    sections: options.sections,
    breadcrumbs: [{ label: 'Home', href: '/' }, { label: 'Not found' }],
    body: html`<h1 class="page-title">Not found</h1><p class="empty">${options.what} Go back to <a href="/">Top Stories</a>.</p>`,
  });
}
